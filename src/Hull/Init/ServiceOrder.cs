namespace Hull.Init;

/// <summary>The order restarts go in: a service after every service it depends on, otherwise as defined.</summary>
internal static class ServiceOrder
{
    /// <summary>
    /// <paramref name="names"/> once each, dependencies first (a dependency that is not named does not
    /// join the list); names no definition has go last, in the order given.
    /// </summary>
    public static IReadOnlyList<string> Sort(IReadOnlyList<ServiceDefinition> definitions, IEnumerable<string> names)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var ordered = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);

        // Depth first over DependsOn; the visited set also ends a cycle (the supervisor would never start one anyway).
        void Visit(string name)
        {
            if (!visited.Add(name) || !byName.TryGetValue(name, out var definition))
            {
                return;
            }

            foreach (var dependency in definition.DependsOn)
            {
                Visit(dependency);
            }

            ordered.Add(name);
        }

        foreach (var definition in definitions)
        {
            Visit(definition.Name);
        }

        return [.. ordered.Where(wanted.Contains), .. wanted.Where(n => !byName.ContainsKey(n))];
    }
}
