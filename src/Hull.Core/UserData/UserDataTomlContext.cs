using System.Text.Json;
using Tomlyn.Serialization;

namespace Hull.UserData;

/// <summary>Source-generated TOML mapping (kebab-case keys, as in Bottlerocket's user data).</summary>
[TomlSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.KebabCaseLower)]
[TomlSerializable(typeof(UserDataDocument))]
internal sealed partial class UserDataTomlContext : TomlSerializerContext;
