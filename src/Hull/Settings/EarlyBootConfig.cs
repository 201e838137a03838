using System.Text.Json;
using Hull.Api;

namespace Hull.Settings;

/// <summary>
/// First boot: the user data's settings (STATE's copy of what the platform gave: fw_cfg or a config drive) go through the
/// same validation and transaction as any API change, all or nothing. Invalid user data applies
/// nothing: the host keeps its defaults, and the errors go to the console and GET /user-data.
/// The outcome is saved, so later boots neither apply it again nor forget why it failed.
/// </summary>
internal static class EarlyBootConfig
{
    private const string Transaction = "user-data";

    public static async Task<UserDataStatus> RunOnceAsync(SettingsService settings, string userDataFile, string statusFile, TextWriter console, CancellationToken cancellationToken)
    {
        if (File.Exists(statusFile))
        {
            return JsonSerializer.Deserialize(await File.ReadAllTextAsync(statusFile, cancellationToken).ConfigureAwait(false), ApiJsonContext.Default.UserDataStatus)!;
        }

        UserDataStatus status;
        var origin = File.Exists(Init.UserDataImport.OriginFile(userDataFile))
            ? (await File.ReadAllTextAsync(Init.UserDataImport.OriginFile(userDataFile), cancellationToken).ConfigureAwait(false)).Trim()
            : userDataFile;
        if (File.Exists(Init.UserDataImport.ErrorFile(userDataFile)))
        {
            // The platform had user data that could not be read (PID 1 said so on the console).
            var error = (await File.ReadAllTextAsync(Init.UserDataImport.ErrorFile(userDataFile), cancellationToken).ConfigureAwait(false)).Trim();
            status = new UserDataStatus(origin, false, [error], []);
        }
        else if (!File.Exists(userDataFile))
        {
            status = new UserDataStatus("none", false, [], []);
        }
        else
        {
            var parsed = UserDataSettings.Parse(await File.ReadAllBytesAsync(userDataFile, cancellationToken).ConfigureAwait(false), userDataFile);
            var errors = parsed.Errors.Select(e => e.Message).ToList();
            if (errors.Count == 0)
            {
                var patch = await settings.PatchAsync(parsed.Settings, Transaction, cancellationToken).ConfigureAwait(false);
                errors.AddRange(patch.Errors);
            }

            if (errors.Count == 0)
            {
                var commit = await settings.CommitAsync(Transaction, cancellationToken).ConfigureAwait(false);
                errors.AddRange(commit.Errors);
            }
            else
            {
                await settings.DeleteAsync(Transaction, cancellationToken).ConfigureAwait(false);
            }

            status = new UserDataStatus(origin, errors.Count == 0, errors, parsed.IgnoredKeys);
            foreach (var error in errors)
            {
                console.WriteLine($"hull: user data: {error}");
            }

            console.WriteLine(errors.Count == 0
                ? $"hull: user data: applied (from {origin})"
                : "hull: user data: NOT applied (nothing of it); the host runs with its defaults");
        }

        var temp = statusFile + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(status, ApiJsonContext.Default.UserDataStatus), cancellationToken).ConfigureAwait(false);
        File.Move(temp, statusFile, overwrite: true);
        return status;
    }
}
