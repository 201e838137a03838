using System.Diagnostics;

namespace Hull.Builder.Build;

/// <summary>Prints the build's steps as they start and how long each took, so a long build never looks stuck.</summary>
internal sealed class BuildProgress(TextWriter output, int totalSteps)
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _step = new();
    private int _current;
    private string? _name;

    /// <summary>Starts the next step, closing the previous one.</summary>
    public void Step(string name)
    {
        Finish();
        _current++;
        _name = name;
        _step.Restart();
        output.WriteLine($"[{_current}/{totalSteps}] {name} ...");
    }

    /// <summary>A detail line under the current step.</summary>
    public void Detail(string text) => output.WriteLine($"      {text}");

    /// <summary>Closes the current step and prints its duration.</summary>
    public void Finish()
    {
        if (_name is not null)
        {
            output.WriteLine($"      done in {_step.Elapsed.TotalSeconds:F1} s");
            _name = null;
        }
    }

    /// <summary>Total time since the build started.</summary>
    public TimeSpan Elapsed => _total.Elapsed;
}
