using Tomlyn;

namespace Hull.UserData;

/// <summary>Reads user data TOML; a syntax or type error names the source and what is wrong.</summary>
internal static class UserDataParser
{
    public static UserDataDocument Parse(string toml, string sourceName)
    {
        try
        {
            return TomlSerializer.Deserialize(toml, UserDataTomlContext.Default.UserDataDocument) ?? new UserDataDocument();
        }
        catch (TomlException e)
        {
            throw new FormatException($"user data from {sourceName} is not valid: {e.Message}", e);
        }
    }
}
