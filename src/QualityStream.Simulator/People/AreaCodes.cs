namespace QualityStream.Simulator.People;

/// <summary>Real, assigned area codes (libphonenumber accepts numbers in them with a 2–9 exchange).</summary>
internal static class AreaCodes
{
    public static readonly IReadOnlyList<AreaCode> All =
    [
        new("512", "TX", "787"), new("214", "TX", "752"), new("713", "TX", "770"), new("210", "TX", "782"),
        new("212", "NY", "100"), new("718", "NY", "112"), new("716", "NY", "142"),
        new("415", "CA", "941"), new("213", "CA", "900"), new("619", "CA", "921"), new("916", "CA", "958"),
        new("305", "FL", "331"), new("407", "FL", "328"), new("813", "FL", "336"), new("904", "FL", "322"),
        new("312", "IL", "606"), new("404", "GA", "303"), new("602", "AZ", "850"), new("520", "AZ", "857"),
        new("206", "WA", "981"), new("617", "MA", "021"), new("303", "CO", "802"), new("215", "PA", "191"),
        new("412", "PA", "152"), new("313", "MI", "482"), new("704", "NC", "282"), new("919", "NC", "276"),
        new("615", "TN", "372"), new("901", "TN", "381"), new("503", "OR", "972"), new("702", "NV", "891"),
        new("614", "OH", "432"), new("216", "OH", "441"), new("612", "MN", "554"), new("314", "MO", "631"),
        new("504", "LA", "701"), new("317", "IN", "462"), new("414", "WI", "532"), new("801", "UT", "841"),
        new("205", "AL", "352"), new("502", "KY", "402"), new("405", "OK", "731"), new("804", "VA", "232"),
    ];
}
