using Hull.Init;

namespace Hull.Settings;

/// <summary>The one rule for which services a change restarts, shared by the apply, the dry run and GET /metadata/affected-services.</summary>
internal static class ServiceRestarts
{
    /// <summary><paramref name="services"/> (those of the files whose content changes) once each, in the order PID 1 restarts them: dependencies first.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> services) => ServiceOrder.Sort(Init.Services.Definitions(), services);
}
