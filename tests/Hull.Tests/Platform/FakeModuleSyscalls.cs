using Hull.Platform;

namespace Hull.Tests.Platform;

/// <summary>Records module calls instead of making them; a path or name in <see cref="Failing"/> fails like the kernel would.</summary>
internal sealed class FakeModuleSyscalls : IModuleSyscalls
{
    public List<string> Calls { get; } = [];

    public HashSet<string> Failing { get; } = [];

    public void Load(string path)
    {
        Calls.Add("load " + path);
        if (Failing.Contains(path))
        {
            throw new Hull.Interop.ErrnoException("finit_module", path, 1);
        }
    }

    public void Unload(string name)
    {
        Calls.Add("unload " + name);
        if (Failing.Contains(name))
        {
            throw new Hull.Interop.ErrnoException("delete_module", name, 16);
        }
    }
}
