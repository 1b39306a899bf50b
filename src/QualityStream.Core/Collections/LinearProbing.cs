namespace QualityStream.Core.Collections;

/// <summary>A slot of a linear-probing table whose keys are non-zero 64-bit hashes; key 0 marks an empty slot.</summary>
internal interface IHashSlot
{
    ulong Key { get; }
}

/// <summary>What the engine's open-addressing tables (<c>KeyIndex</c>, <c>FingerprintTable</c>) share.</summary>
internal static class LinearProbing
{
    /// <summary>A key's home slot: its top bits (keys are already well-mixed hashes), <c>shift</c> = 64 − log2(slots).</summary>
    public static int Home(ulong key, int shift) => (int)(key >> shift);

    /// <summary>
    /// Empties a slot without tombstones: each later entry of the cluster moves back into the hole when the hole lies
    /// on its probe path (home..j), so a lookup may still stop at the first empty slot.
    /// </summary>
    public static void RemoveAt<T>(T[] slots, int hole, int shift) where T : struct, IHashSlot
    {
        var mask = slots.Length - 1;
        for (var j = (hole + 1) & mask; slots[j].Key != 0; j = (j + 1) & mask)
        {
            if (((j - Home(slots[j].Key, shift)) & mask) >= ((j - hole) & mask))
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }

        slots[hole] = default;
    }
}
