using System.Reflection;
using System.Runtime.InteropServices;

namespace QualityStream.EmbeddedKafka.Native;

/// <summary>
/// Points this assembly's "librdkafka" imports at the same native file Confluent.Kafka loaded.
/// Two copies of librdkafka in one process would each keep their own global state, so we let
/// Confluent load first (its automatic loading works on Debian 12) and reuse its mapping; only
/// if that cannot be found do we probe the redist variants ourselves.
/// </summary>
internal static class NativeResolver
{
    private static readonly Lazy<IntPtr> Handle = new(LoadLibrary);
    private static int registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeResolver).Assembly, Resolve);
        }

        _ = Handle.Value;
    }

    /// <summary>The file the imports are bound to, for diagnostics and tests.</summary>
    public static string? LoadedPath { get; private set; }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "librdkafka" ? Handle.Value : IntPtr.Zero;

    private static IntPtr LoadLibrary()
    {
        // Reading the version makes Confluent.Kafka load its native library.
        _ = Confluent.Kafka.Library.Version;
        var candidates = new List<string>();
        if (FindMappedLibrdkafka() is { } mapped)
        {
            candidates.Add(mapped);
        }

        candidates.AddRange(RedistVariants());
        var errors = new List<string>();
        foreach (var path in candidates)
        {
            if (NativeLibrary.TryLoad(path, out var handle))
            {
                LoadedPath = path;
                return handle;
            }

            errors.Add(path);
        }

        throw new DllNotFoundException(
            "Could not load librdkafka for the mock cluster; tried: " + string.Join(", ", errors));
    }

    private static string? FindMappedLibrdkafka()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && Path.GetFileName(line.AsSpan(slash)).Contains("librdkafka", StringComparison.Ordinal))
            {
                return line[slash..].Trim();
            }
        }

        return null;
    }

    private static IEnumerable<string> RedistVariants()
    {
        var rid = (OperatingSystem.IsLinux() ? "linux-" : OperatingSystem.IsMacOS() ? "osx-" : "win-")
            + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // centos8-librdkafka.so first: the plain librdkafka.so needs libsasl2.so.3, absent on Debian 12.
        return Directory.EnumerateFiles(folder, "*rdkafka*")
            .OrderBy(p => Path.GetFileName(p).StartsWith("centos8", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p, StringComparer.Ordinal);
    }
}
