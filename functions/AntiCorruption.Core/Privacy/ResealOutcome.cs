namespace AntiCorruption.Core.Privacy;

/// <summary>How much one run may do: stop after this long, or after this many rows and messages read.</summary>
public sealed record ResealBudget(TimeSpan Time, int Rows);

public enum ResealState
{
    /// <summary>No previous key configured: nothing done.</summary>
    NoPreviousKeys,

    /// <summary>The pass goes on in the next run.</summary>
    Resealing,

    /// <summary>A pass finished, but not clean (or it was the first): the next run starts another.</summary>
    PassFinished,

    /// <summary>Every value is under the current key: the previous keys can be dropped.</summary>
    Done,

    /// <summary>Another run wrote the status first: this one stopped.</summary>
    Conflict,
}

/// <summary>What a run came to, and the status as it left it (null when it did nothing).</summary>
public sealed record ResealOutcome(ResealState State, ResealStatus? Status);
