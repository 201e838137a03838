namespace Hull.Platform;

/// <summary>One reply on a control socket: the JSON line to send, and the refusal it carries (logged), if any.</summary>
internal readonly record struct ControlReply(string Line, string? Error = null);
