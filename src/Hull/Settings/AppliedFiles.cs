namespace Hull.Settings;

/// <summary>What one apply did to the files: those that failed, and those whose content it changed (their services restart).</summary>
internal sealed record AppliedFiles(IReadOnlyList<ApplyFailure> Failures, IReadOnlyList<ConfigurationFile> Changed);
