namespace QualityStream.Worker.Ledger;

/// <summary>Where the morning review starts and in which time zone the board tells time (section <c>Board</c>).</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Board";

    /// <summary>IANA time zone id (<c>Europe/Berlin</c>) of the operators; <c>UTC</c> by default.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Local time of day, yesterday, at which the review's period starts by default (<c>HH:mm</c>).</summary>
    public string OvernightFrom { get; init; } = "18:00";

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public TimeOnly From() => TimeOnly.ParseExact(OvernightFrom, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static bool IsTimeOfDay(string? value) =>
        TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    /// <summary>Yesterday's <see cref="OvernightFrom"/> in the zone, as an instant.</summary>
    public DateTimeOffset DefaultSince(DateTimeOffset now)
    {
        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var start = DateOnly.FromDateTime(local.DateTime).AddDays(-1).ToDateTime(From());
        return new DateTimeOffset(start, zone.GetUtcOffset(start));
    }
}
