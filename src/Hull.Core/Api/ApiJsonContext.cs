using System.Text.Json.Serialization;

namespace Hull.Api;

/// <summary>Source-generated JSON for every API body (reflection JSON is off under NativeAOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OsInfo))]
[JsonSerializable(typeof(ServiceStatus))]
[JsonSerializable(typeof(List<ServiceStatus>))]
[JsonSerializable(typeof(List<WorkloadStatus>))]
[JsonSerializable(typeof(List<HostContainerStatus>))]
[JsonSerializable(typeof(List<BootstrapContainerStatus>))]
[JsonSerializable(typeof(List<ImportedImageInfo>))]
[JsonSerializable(typeof(List<TimelineEvent>))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ActionResult))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(UserDataStatus))]
[JsonSerializable(typeof(DryRunResult))]
[JsonSerializable(typeof(TimeSyncStatus))]
[JsonSerializable(typeof(List<ConfigurationFileInfo>))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ConfirmationView))]
[JsonSerializable(typeof(CommitReply))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
