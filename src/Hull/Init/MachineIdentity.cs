using System.Security.Cryptography;

namespace Hull.Init;

/// <summary>
/// The host's machine id: 128 random bits made on first boot and kept on STATE, copied to
/// /etc/machine-id at every boot (the format of machine-id(5)).
/// </summary>
internal static class MachineIdentity
{
    public static string Ensure(string stateFile, string etcFile)
    {
        string id;
        if (File.Exists(stateFile) && File.ReadAllText(stateFile).Trim() is { Length: 32 } existing && existing.All(char.IsAsciiHexDigitLower))
        {
            id = existing;
        }
        else
        {
            id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var temp = stateFile + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(id + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, stateFile, overwrite: true);
        }

        File.WriteAllText(etcFile, id + "\n");
        return id;
    }
}
