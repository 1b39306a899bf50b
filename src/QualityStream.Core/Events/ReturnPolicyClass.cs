namespace QualityStream.Core.Events;

/// <summary>How the usual returns policy treats a reason (DOMAIN.md, "Returns policy").</summary>
public enum ReturnPolicyClass : byte
{
    Accepted,
    Rejectable,
    Other,
}
