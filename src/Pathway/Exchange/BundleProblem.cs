namespace Pathway.Exchange;

/// <summary>
/// One broken rule in a bundle: <c>file:line: column: rule</c>. Lines count as a spreadsheet shows them
/// (the header is line 1); problems with a whole file or row name <c>(file)</c> or <c>(row)</c> as the column.
/// </summary>
public sealed record BundleProblem(string File, int Line, string Column, string Rule) : IComparable<BundleProblem>
{
    public const string WholeFile = "(file)";
    public const string WholeRow = "(row)";

    public override string ToString() => $"{File}:{Line}: {Column}: {Rule}";

    public int CompareTo(BundleProblem? other)
    {
        if (other is null) return 1;
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0) return byFile;
        var byLine = Line.CompareTo(other.Line);
        if (byLine != 0) return byLine;
        var byColumn = string.CompareOrdinal(Column, other.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(Rule, other.Rule);
    }
}

/// <summary>Every problem found in a bundle, sorted; capped so a wholly wrong file cannot exhaust memory.</summary>
public sealed class BundleReport
{
    public const int MaxKept = 100_000;
    private readonly List<BundleProblem> problems = [];

    public int Count { get; private set; }
    public bool IsValid => Count == 0;
    public int NotListed => Count - problems.Count;

    public void Add(string file, int line, string column, string rule)
    {
        Count++;
        if (problems.Count < MaxKept) problems.Add(new BundleProblem(file, line, column, rule));
    }

    public IReadOnlyList<BundleProblem> Sorted()
    {
        problems.Sort();
        return problems;
    }

    public IEnumerable<(string File, int Count)> CountsByFile() =>
        problems.GroupBy(p => p.File).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()));
}
