using System.Text.Json.Serialization;

namespace Hull.Updates;

/// <summary>Source-generated JSON for the updater: its state file, the status, the control socket's lines, migrations and boot assessments. Nulls are written, as Bottlerocket's status does.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(UpdaterState))]
[JsonSerializable(typeof(UpdateStatus))]
[JsonSerializable(typeof(UpdaterRequest))]
[JsonSerializable(typeof(UpdaterReply))]
[JsonSerializable(typeof(BootAssessment))]
[JsonSerializable(typeof(IReadOnlyList<SettingsMigration>))]
internal sealed partial class UpdaterJsonContext : JsonSerializerContext;
