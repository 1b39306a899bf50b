using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace QualityStream.Core.Engine;

/// <summary>
/// 64-bit hashes stand in for ids in engine state: 8 bytes instead of a string per lead or event.
/// A collision needs ~4 billion ids at once for a 50% chance; at a million tracked leads it is about 1 in 36 million.
/// </summary>
internal static class Keys
{
    public static ulong Of(string id) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));

    // Odd constants spread small numbers (a buyer index, a feedback type) over all 64 bits.
    private const ulong Spread = 0x9E3779B97F4A7C15;
    private const ulong DeliveryTag = 0xC2B2AE3D27D4EB4F;

    /// <summary>
    /// A delivery's eventId, apart from feedback ids (the two topics name their events independently), and per buyer:
    /// a shared lead goes to several buyers, and a distribution system may well give each copy its lead's event id.
    /// </summary>
    public static ulong DeliveryEvent(ulong eventKey, int buyer) => eventKey ^ DeliveryTag ^ ((ulong)(buyer + 1) * Spread);

    /// <summary>
    /// What feedback says: its lead and type. Not its buyer, which is not known here until the lead is; a redelivery
    /// after the lead arrived must still match.
    /// </summary>
    public static ulong FeedbackContent(ulong leadKey, Events.FeedbackType type) => leadKey ^ ((ulong)((int)type + 1) * Spread * 3);
}
