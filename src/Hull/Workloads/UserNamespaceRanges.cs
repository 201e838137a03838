using System.Globalization;
using System.Text;
using Hull.Platform;

namespace Hull.Workloads;

/// <summary>The ids a workload's user namespace maps: container ids 0 to 65535 are host ids <see cref="HostId"/> onwards.</summary>
internal readonly record struct UserNamespaceRange(uint HostId)
{
    /// <summary>How many ids each range holds: a whole 16-bit id space, as images expect (nobody is 65534).</summary>
    public const uint Length = 65536;

    /// <summary>The range as /proc/PID/uid_map shows it from the host: "0 HOSTID 65536".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"0 {HostId} {Length}");
}

/// <summary>
/// Which host ids each workload with <c>user-namespace = true</c> runs as, kept in a file on DATA
/// (<c>/var/lib/workloads/user-namespaces</c>, one "NAME SLOT" line each, replaced whole or not at all). Slot N is host ids
/// N × 65536 to N × 65536 + 65535; slot 0, the host's own ids, is never given. A name keeps its slot for good, across
/// reboots, changes of its spec and its removal, so its volumes stay its own and no two workloads ever share ids.
/// </summary>
internal sealed class UserNamespaceRanges(string path)
{
    /// <summary>The highest slot: its last id, 4294967295, is not a valid uid, so the one before it ends the space.</summary>
    public const uint MaxSlot = 65534;

    private Dictionary<string, uint>? _slots;

    /// <summary>The range of <paramref name="workload"/>, given (and written down) on first use.</summary>
    public UserNamespaceRange For(string workload)
    {
        var slots = _slots ??= Read(path);
        if (!slots.TryGetValue(workload, out var slot))
        {
            slot = slots.Count == 0 ? 1 : slots.Values.Max() + 1;
            if (slot > MaxSlot)
            {
                throw new InvalidOperationException($"no user namespace range left for workload '{workload}': all {MaxSlot} have been given ({path})");
            }

            slots[workload] = slot;
            DurableFile.WriteAtomic(path, Encoding.UTF8.GetBytes(Format(slots)));
        }

        return new UserNamespaceRange(slot * UserNamespaceRange.Length);
    }

    internal static string Format(IReadOnlyDictionary<string, uint> slots) =>
        string.Concat(slots.OrderBy(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}\n")));

    /// <summary>
    /// The slots written so far. A line that is not "NAME SLOT" (a slot from 1 to <see cref="MaxSlot"/>, each given once) throws,
    /// naming the file and line: the workloads with a user namespace then do not start, and their status says why.
    /// </summary>
    internal static Dictionary<string, uint> Read(string path)
    {
        var slots = new Dictionary<string, uint>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return slots;
        }

        var number = 0;
        foreach (var line in File.ReadAllLines(path))
        {
            number++;
            if (line.Split(' ') is not [var name, var text] || !uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var slot)
                || slot is 0 or > MaxSlot || slots.ContainsValue(slot) || !slots.TryAdd(name, slot))
            {
                throw new InvalidDataException($"{path}:{number}: expected 'NAME SLOT' with a slot from 1 to {MaxSlot} given once, got '{line}'");
            }
        }

        return slots;
    }
}
