namespace Hull.Builder.Tools;

/// <summary>A build step failed; the message says which and why, and is shown to the user as is.</summary>
internal sealed class ToolException(string message) : Exception(message);
