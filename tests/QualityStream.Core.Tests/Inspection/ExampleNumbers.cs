using PhoneNumbers;

namespace QualityStream.Core.Tests.Inspection;

/// <summary>Inputs for pinning a shortcut to libphonenumber: its own example numbers, and near misses of them.</summary>
internal static class ExampleNumbers
{
    public static TheoryData<string> Regions(PhoneNumberUtil phones) => [.. phones.GetSupportedRegions().Order(StringComparer.Ordinal)];

    /// <summary>The region's example number of every type, each also a digit longer, a digit shorter, and ±1.</summary>
    public static IEnumerable<PhoneNumber> AndNearMisses(PhoneNumberUtil phones, string region)
    {
        foreach (var type in Enum.GetValues<PhoneNumberType>())
        {
            if (phones.GetExampleNumberForType(region, type) is not { } example)
            {
                continue;
            }

            var national = example.NationalNumber;
            foreach (var variant in new[] { national, (national * 10) + 7, national / 10, national + 1, national - 1 })
            {
                yield return example.ToBuilder().SetNationalNumber(variant).Build();
            }
        }
    }
}
