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
}
