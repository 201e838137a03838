using Hull.Builder.Build;
using Hull.Builder.Tools;

namespace Hull.Builder.Kernel;

/// <summary>image/modules.txt: which modules the initramfs loads and which PID 1 loads from the root.</summary>
internal sealed record ModuleList(IReadOnlyList<string> Initramfs, IReadOnlyList<string> Root)
{
    /// <summary>Parses "initramfs NAME" and "root NAME" lines; errors name the line.</summary>
    public static ModuleList Parse(string text, string fileName)
    {
        var initramfs = new List<string>();
        var root = new List<string>();
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
                default:
                    throw new ToolException($"{fileName}:{line.Number}: expected 'initramfs NAME' or 'root NAME', got '{line.Text}'");
            }
        }

        return new ModuleList(initramfs, root);
    }
}
