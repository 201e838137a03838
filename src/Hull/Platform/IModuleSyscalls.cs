namespace Hull.Platform;

/// <summary>The two module system calls, behind an interface so the settings tests never touch the build machine's kernel.</summary>
internal interface IModuleSyscalls
{
    /// <summary>finit_module(2) of the file at <paramref name="path"/>; already loaded is fine.</summary>
    public void Load(string path);

    /// <summary>delete_module(2) of <paramref name="name"/>, without waiting while it is in use.</summary>
    public void Unload(string name);
}
