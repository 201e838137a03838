using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hull.Core.Tests.Tuf;

/// <summary>JSON the tests edit as nodes.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TufTestJson : JsonSerializerContext;
