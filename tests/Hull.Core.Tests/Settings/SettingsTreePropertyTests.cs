using System.Text.Json.Nodes;
using CsCheck;
using Hull.Settings;

namespace Hull.Core.Tests.Settings;

public sealed class SettingsTreePropertyTests
{
    // Names mix the safe characters with the ones that force quoting: '.', '"', '\', space, non-ASCII.
    private static readonly Gen<string> Name = Gen.Char["ab_-Z9.\"\\ é"].Array[0, 6].Select(chars => new string(chars));

    private static readonly Gen<string> Text = Gen.Char['\u0000', '\uD7FF'].Array[0, 12].Select(chars => new string(chars));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf(
        Text.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Double.Select(d => (JsonNode?)(double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(0.5))),
        Gen.Const(0).Select(_ => (JsonNode?)null));

    [Fact]
    public void UnflattenFlatten_RandomTree_GivesTheSameTree()
    {
        Object(3).Sample(tree =>
        {
            var flat = SettingsTree.Flatten(tree);
            var back = SettingsTree.Unflatten(flat, "settings");

            JsonNode.DeepEquals(back, tree).ShouldBeTrue($"{tree.ToJsonString()} came back as {back.ToJsonString()}");
            SettingsTree.Flatten(back).ShouldBe(flat);
        }, iter: 500);
    }

    [Fact]
    public void SplitJoin_RandomSegments_GivesTheSameSegments()
    {
        Name.Array[1, 5].Sample(segments => SettingsKey.Split(SettingsKey.Join(segments)).ShouldBe(segments), iter: 1000);
    }

    // Objects are never empty: an empty object has no leaves, so it does not survive flattening (as in Bottlerocket's datastore).
    private static Gen<JsonObject> Object(int depth) => Object(Node(depth));

    private static Gen<JsonObject> Object(Gen<JsonNode?> values) =>
        Gen.Select(Name, values).Array[1, 4].Select(entries =>
        {
            var obj = new JsonObject();
            foreach (var (name, value) in entries)
            {
                obj[name] = value;
            }

            return obj;
        });

    private static Gen<JsonNode?> Node(int depth)
    {
        var arrays = Gen.OneOf(
            Scalar.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items)),
            Object(Scalar).Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items])));
        var leaves = Gen.Frequency((3, Scalar), (1, arrays));
        return depth == 0 ? leaves : Gen.Frequency((2, leaves), (1, Object(depth - 1).Select(o => (JsonNode?)o)));
    }
}
