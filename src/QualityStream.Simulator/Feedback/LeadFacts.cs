using QualityStream.Simulator.People;

namespace QualityStream.Simulator.Feedback;

/// <summary>What the feedback planner needs to know about a delivered lead and the rates in force for its cell.</summary>
internal sealed record LeadFacts(
    string LeadId,
    string BuyerId,
    DateTimeOffset DeliveredAt,
    bool HasPhone,
    ValidityDefect Defect,
    bool IsDuplicate,
    double ContactRate,
    double ReturnRate,
    bool ReturnBurst);
