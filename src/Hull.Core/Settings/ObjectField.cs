namespace Hull.Settings;

/// <summary>One field of the objects inside an array of objects (a registry mirror's <c>endpoint</c>).</summary>
/// <param name="Rule">The check for the field's value.</param>
/// <param name="Required">Whether every object must have it.</param>
internal sealed record ObjectField(ValueRule Rule, bool Required = false);
