using CsCheck;
using Hull.Datastore;

namespace Hull.Core.Tests.Datastore;

public sealed class DatastoreKeyPropertyTests
{
    // Mostly bare segments, some with the characters that force quotes ('.', '=', ' ', '/').
    private static readonly Gen<string> Segment = Gen.OneOf(
        Gen.Char["abz09_-"].Array[1, 6].Select(chars => new string(chars)),
        Gen.Char[' ', '~'].Where(c => c != '"').Array[1, 8].Select(chars => new string(chars)));

    [Fact]
    public void FormatThenParse_RandomSegments_ReturnsSameSegments()
    {
        Segment.Array[1, 6].Sample(segments =>
        {
            var key = DatastoreKey.FromSegments(segments).Value;

            var parsed = DatastoreKey.Parse(key.ToString()).Value;

            parsed.Segments.ShouldBe(segments);
            parsed.ToString().ShouldBe(key.ToString());
        }, iter: 2000);
    }

    [Fact]
    public void Parse_RandomText_NeverThrowsAndValidKeysRoundTrip()
    {
        Gen.Char[' ', '~'].Array[0, 20].Select(chars => new string(chars)).Sample(text =>
        {
            var parsed = DatastoreKey.Parse(text);

            if (parsed.Succeeded)
            {
                DatastoreKey.Parse(parsed.Value.ToString()).Value.ShouldBe(parsed.Value);
            }
            else
            {
                parsed.Error.Message.ShouldContain(text);
            }
        }, iter: 5000);
    }
}
