namespace QualityStream.Worker.Ledger;

/// <summary>
/// A resolution of the rate history: 5-minute points kept for the current and the previous UTC day, hourly points for
/// nine days. A day of one cell-window is one Redis string of fixed-size slots.
/// </summary>
public sealed record HistoryStep(string Name, TimeSpan Length, int SlotsPerDay, TimeSpan KeptAfterDay)
{
    public static readonly HistoryStep Fine = new("5m", TimeSpan.FromMinutes(5), 288, TimeSpan.FromDays(1));
    public static readonly HistoryStep Hourly = new("1h", TimeSpan.FromHours(1), 24, TimeSpan.FromDays(8));

    public static HistoryStep? Parse(string? name) => name switch
    {
        "5m" => Fine,
        "1h" => Hourly,
        _ => null,
    };

    public int Slot(DateTimeOffset at) => (int)((at.UtcDateTime - at.UtcDateTime.Date).Ticks / Length.Ticks);

    public DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % Length.Ticks), TimeSpan.Zero);

    public DateTimeOffset SlotStart(DateOnly day, int slot) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + (Length * slot);

    /// <summary>When a day's string expires: the day's end plus how long the resolution is kept.</summary>
    public DateTime Expiry(DateOnly day) => day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) + KeptAfterDay;
}
