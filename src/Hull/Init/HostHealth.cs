using Hull.Api;

namespace Hull.Init;

/// <summary>
/// Whether the host does its job, which is what a new version must show before its boot counts as good: the
/// API and containerd up, the workloads service ready (so every essential bootstrap container succeeded), and
/// every declared workload with as many current replicas running, and healthy where a health check is
/// declared, as it asks for.
/// </summary>
internal static class HostHealth
{
    /// <summary>The services that must be ready, in the order a failure is reported.</summary>
    public static readonly IReadOnlyList<string> RequiredServices = [Services.ApiServer, "containerd", "workloads"];

    /// <summary>Null when healthy, otherwise the first reason it is not, naming the service or workload.</summary>
    public static string? Problem(Func<string, bool> isReady, IReadOnlyList<WorkloadStatus>? workloads)
    {
        foreach (var service in RequiredServices)
        {
            if (!isReady(service))
            {
                return service == "workloads"
                    ? "service workloads is not ready (an essential bootstrap container that failed keeps it so: GET /bootstrap-containers)"
                    : $"service {service} is not ready";
            }
        }

        if (workloads is null)
        {
            return "the workloads status is not there yet";
        }

        foreach (var workload in workloads.Where(w => w.Declared > 0))
        {
            var good = workload.Replicas.Count(r => r.Current && r.State == "running" && r.Health is null or "healthy");
            if (good < workload.Declared)
            {
                var worst = workload.Replicas.FirstOrDefault(r => !(r.Current && r.State == "running" && r.Health is null or "healthy"));
                var detail = worst is null ? workload.Message ?? "replicas not started yet"
                    : $"replica {worst.Index}: {worst.State}{(worst.Health is { } h ? $", {h}" : "")}{(worst.HealthMessage is { } m ? $": {m}" : "")}";
                return $"workload {workload.Name}: {good} of {workload.Declared} replicas healthy ({detail})";
            }
        }

        return null;
    }
}
