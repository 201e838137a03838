using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder.Kernel;

/// <summary>
/// image/modules.txt: which modules the initramfs loads, which PID 1 loads from the root, and which the
/// root only ships ("optional": loaded when settings.kernel.modules.NAME.allowed = true).
/// </summary>
internal sealed record ModuleList(IReadOnlyList<string> Initramfs, IReadOnlyList<string> Root, IReadOnlyList<string> Optional)
{
    /// <summary>Parses "initramfs NAME", "root NAME" and "optional NAME" lines; errors name the line.</summary>
    public static ModuleList Parse(string text, string fileName)
    {
        var initramfs = new List<string>();
        var root = new List<string>();
        var optional = new List<string>();
        foreach (var line in ConfigLine.Read(text))
        {
            switch (line.Words)
            {
                case ["initramfs", var name]:
                    initramfs.Add(name);
                    break;
                case ["root", var name]:
                    root.Add(name);
                    break;
                case ["optional", var name]:
                    optional.Add(name);
                    break;
                default:
                    throw new ToolException($"{fileName}:{line.Number}: expected 'initramfs NAME', 'root NAME' or 'optional NAME', got '{line.Text}'");
            }
        }

        return new ModuleList(initramfs, root, optional);
    }
}
