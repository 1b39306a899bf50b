namespace QualityStream.Deploy.Tests;

/// <summary>One PromQL expression with template variables substituted, and where it came from (file and panel or rule).</summary>
public sealed record PromQlExpression(string Origin, string Expr);
