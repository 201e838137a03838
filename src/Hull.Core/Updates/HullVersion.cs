using System.Globalization;

namespace Hull.Updates;

/// <summary>An image version, MAJOR.MINOR.PATCH (an optional leading <c>v</c> is accepted on input), ordered numerically.</summary>
public readonly record struct HullVersion(int Major, int Minor, int Patch) : IComparable<HullVersion>
{
    /// <summary>Parses <paramref name="text"/>; false for anything but three non-negative integers.</summary>
    public static bool TryParse(string? text, out HullVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = (text[0] == 'v' ? text[1..] : text).Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length is 0 or > 9 || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new HullVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(HullVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool operator <(HullVersion a, HullVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(HullVersion a, HullVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(HullVersion a, HullVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(HullVersion a, HullVersion b) => a.CompareTo(b) >= 0;

    /// <inheritdoc/>
    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
