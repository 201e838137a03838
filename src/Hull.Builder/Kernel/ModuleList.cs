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
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                case ["initramfs", var name]:
                    initramfs.Add(name);
                    break;
                case ["root", var name]:
                    root.Add(name);
                    break;
                default:
                    throw new ToolException($"{fileName}:{lineNumber}: expected 'initramfs NAME' or 'root NAME', got '{line}'");
            }
        }

        return new ModuleList(initramfs, root);
    }
}
