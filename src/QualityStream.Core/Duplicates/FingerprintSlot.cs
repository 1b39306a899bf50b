using System.Runtime.InteropServices;
using QualityStream.Core.Collections;

namespace QualityStream.Core.Duplicates;

/// <summary>
/// One slot of <see cref="FingerprintTable"/>, packed to 20 bytes so a lookup usually touches a single
/// cache line (three parallel arrays cost up to three misses). Key 0 means empty.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct FingerprintSlot : IHashSlot
{
    public ulong Key;
    public ulong Lead;
    public uint Seconds;

    readonly ulong IHashSlot.Key => Key;
}
