namespace QualityStream.Worker.Ledger;

/// <summary>
/// DOMAIN.md's trust table: each quality incident costs more trust than the last. 0 → 100 %, 1 → 90 %, 2 → 75 %,
/// 3 → 50 %, 4 → 25 %, 5 or more → 0 % (terminal).
/// </summary>
public static class TrustTable
{
    public const int Days = 90;

    private static readonly (double Trust, string Label)[] Levels =
    [
        (1.00, "no incidents"),
        (0.90, "inquiry, patience"),
        (0.75, "concern, documentation"),
        (0.50, "escalation, demands"),
        (0.25, "searching for alternatives"),
        (0.00, "termination decision"),
    ];

    public static (double Trust, string Label) For(int incidents) => Levels[Math.Clamp(incidents, 0, Levels.Length - 1)];
}
