namespace Hull.Updates;

/// <summary>Where a prepared slot stands.</summary>
internal enum SlotPhase
{
    /// <summary>Prepare is writing it (found at start: the prepare was interrupted).</summary>
    Writing,

    /// <summary>Root written and read back, UKI staged: ready to activate.</summary>
    Ready,

    /// <summary>Its UKI is on trial (<c>+3</c>): the next boot tries it.</summary>
    Activated,
}
