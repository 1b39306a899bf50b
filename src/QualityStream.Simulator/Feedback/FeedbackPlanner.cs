using QualityStream.Simulator.People;

namespace QualityStream.Simulator.Feedback;

/// <summary>
/// Decides at delivery what the buyer will report and when: calls seconds to minutes later (up to three tries),
/// returns hours to days later (minutes, for an incident's burst), conversions after a successful call.
/// The lead-level contact outcome is drawn once so a cell's contact rate matches its target whatever the retries.
/// </summary>
internal sealed class FeedbackPlanner(Random random, double conversionRate)
{
    private static readonly (string Reason, double Weight)[] CleanReturnReasons =
    [
        ("no_contact", 30), ("not_converted", 15), ("filter_mismatch", 14), ("invalid_phone", 10),
        ("consumer_misrepresented", 8), ("geographic_error", 6), ("changed_circumstances", 6), ("invalid_email", 4),
        ("suspected_fraud", 4), ("other", 3),
    ];

    private static readonly double[] CleanReturnCumulative = RandomExtensions.Cumulative(CleanReturnReasons.Select(r => r.Weight));

    public void Plan(LeadFacts lead, Action<PendingFeedback> schedule)
    {
        var contacted = PlanContact(lead, schedule);
        PlanReturn(lead, contacted, schedule);
    }

    private bool PlanContact(LeadFacts lead, Action<PendingFeedback> schedule)
    {
        if (!lead.HasPhone || !random.Chance(lead.Defect == ValidityDefect.InvalidPhone ? 0.9 : 0.92))
        {
            return false;
        }

        var badNumber = lead.Defect == ValidityDefect.InvalidPhone;
        var contacted = !badNumber && random.Chance(lead.ContactRate);
        // Reached leads are mostly reached on the first call (speed to lead); the rest after one or two retries.
        var attempts = badNumber ? random.Next(1, 3)
            : contacted ? random.PickWeighted([0.7, 0.9, 1.0]) + 1
            : random.PickWeighted([0.6, 0.85, 1.0]) + 1;
        var at = lead.DeliveredAt + random.LogUniform(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));
        for (var i = 1; i <= attempts; i++)
        {
            var outcome = badNumber ? (random.Chance(0.4) ? "wrong_number" : "disconnected")
                : contacted && i == attempts ? "contacted"
                : random.PickWeighted([0.55, 0.90, 0.95, 1.0]) switch
                {
                    0 => "no_answer",
                    1 => "voicemail",
                    2 => "wrong_number",
                    _ => "disconnected",
                };
            schedule(new PendingFeedback(at, lead.LeadId, lead.BuyerId, FeedbackKind.ContactAttempt, outcome));
            if (outcome == "contacted" && random.Chance(conversionRate))
            {
                var convertedAt = at + random.LogUniform(TimeSpan.FromMinutes(10), TimeSpan.FromDays(3));
                schedule(new PendingFeedback(convertedAt, lead.LeadId, lead.BuyerId, FeedbackKind.Conversion, null));
            }

            at += random.LogUniform(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30));
        }

        return contacted;
    }

    private void PlanReturn(LeadFacts lead, bool contacted, Action<PendingFeedback> schedule)
    {
        var (probability, reason, delay) = lead switch
        {
            { ReturnBurst: true } => (lead.ReturnRate, random.Pick(["filter_mismatch", "geographic_error", "invalid_phone"]), Fast()),
            { Defect: not ValidityDefect.None } => (0.5, DefectReason(lead.Defect), Soon()),
            { IsDuplicate: true } => (0.5, "duplicate", Soon()),
            _ => (lead.ReturnRate, CleanReason(contacted), Later()),
        };
        if (random.Chance(probability))
        {
            schedule(new PendingFeedback(lead.DeliveredAt + delay, lead.LeadId, lead.BuyerId, FeedbackKind.Return, reason));
        }
    }

    private TimeSpan Fast() => random.LogUniform(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(4));

    private TimeSpan Soon() => random.LogUniform(TimeSpan.FromMinutes(20), TimeSpan.FromDays(2));

    // Up to 12 days: beyond the shorter return windows, so some returns arrive late as they do in practice.
    private TimeSpan Later() => random.LogUniform(TimeSpan.FromHours(2), TimeSpan.FromDays(12));

    private string CleanReason(bool contacted)
    {
        var reason = CleanReturnReasons[random.PickWeighted(CleanReturnCumulative)].Reason;
        return contacted && reason == "no_contact" ? "not_converted" : reason;
    }

    private static string DefectReason(ValidityDefect defect) => defect switch
    {
        ValidityDefect.InvalidPhone => "invalid_phone",
        ValidityDefect.InvalidEmail or ValidityDefect.MissingContact => "invalid_email",
        ValidityDefect.InvalidPostalCode => "geographic_error",
        _ => "filter_mismatch",
    };
}
