namespace QualityStream.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    private const string ValidDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: probe
        spec:
          selector:
            matchLabels: {app: probe}
          template:
            metadata:
              labels: {app: probe}
            spec:
              containers:
                - name: probe
                  image: probe:1
        """;

    private const string ValidServiceMonitor = """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: probe
        spec:
          selector:
            matchLabels: {app: probe}
          endpoints:
            - port: http
              interval: 15s
        """;

    [Theory]
    [InlineData("k8s", new[] { "ConfigMap", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "Service", "Service", "ServiceMonitor" })]
    [InlineData("k8s/autoscaling", new[] { "ConfigMap", "Deployment", "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule", "ScaledObject", "Service", "Service", "ServiceMonitor", "TriggerAuthentication" })]
    public void Kustomization_RenderedObjects_PassStrictSchemas(string dir, string[] expectedKinds)
    {
        var documents = Render(dir);
        if (documents is null)
        {
            return;
        }

        Assert.Empty(documents.SelectMany(StrictManifests.Check));
        Assert.Equal(expectedKinds, documents.Select(StrictManifests.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BuiltInKind_WithAnUnknownField_IsRejected()
    {
        Assert.Empty(StrictManifests.Check(ValidDeployment));
        var typo = ValidDeployment.Replace("image: probe:1", "image: probe:1\n          imagePullPolicyy: Always", StringComparison.Ordinal);

        var problems = StrictManifests.Check(typo);

        Assert.Contains(problems, p => p.Contains("imagePullPolicyy", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomResource_WithAnUnknownFieldOrWrongType_IsRejected()
    {
        Assert.Empty(StrictManifests.Check(ValidServiceMonitor));

        var typo = StrictManifests.Check(ValidServiceMonitor.Replace("interval:", "intervall:", StringComparison.Ordinal));
        var wrongType = StrictManifests.Check(ValidServiceMonitor.Replace("interval: 15s", "interval: [15s]", StringComparison.Ordinal));

        Assert.Contains(typo, p => p.Contains("unknown field 'intervall'", StringComparison.Ordinal));
        Assert.Contains(wrongType, p => p.Contains("$.spec.endpoints[0].interval", StringComparison.Ordinal));
    }

    [Fact]
    public void KedaTriggerMetadata_WithAnUnquotedNumber_IsRejected()
    {
        var scaledObject = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata:
              name: probe
            spec:
              scaleTargetRef: {name: probe}
              triggers:
                - type: kafka
                  metadata: {lagThreshold: 5000}
            """;

        Assert.Contains(StrictManifests.Check(scaledObject), p => p.Contains("lagThreshold", StringComparison.Ordinal));
    }

    [Fact]
    public void KindWithoutModelOrSchema_IsRejected()
    {
        var unknown = "apiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: probe\nspec: {}\n";

        Assert.Contains(StrictManifests.Check(unknown), p => p.Contains("no model or schema", StringComparison.Ordinal));
    }

    /// <summary>The documents <c>kubectl kustomize</c> renders from <paramref name="dir"/>; null outside CI without kubectl.</summary>
    internal static IReadOnlyList<string>? Render(string dir)
    {
        if (ExternalTool.Require("kubectl") is not { } kubectl)
        {
            return null;
        }

        var result = ExternalTool.Run(kubectl, "kustomize", dir);
        Assert.True(result.ExitCode == 0, result.ToString());
        return StrictManifests.Split(result.Stdout);
    }
}
