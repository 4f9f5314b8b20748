using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Indicators;

namespace Pathway.Commissioning;

public sealed record TargetRow(Contract Contract, string IndicatorId, decimal Target, Figure Figure, Rag? Status);

/// <summary>
/// The contract review: each contract in force during the period, target by target. A contract is scored on its own
/// council's and provider's figures whatever the page's selection, because that is what the contract pays for: scoring
/// Stockport's contract on Stockport and Bury together would call a met target "Not met".
/// </summary>
public static class ContractReview
{
    /// <param name="selected">The page's own figures: reused for a contract whose council and provider are exactly the selection.</param>
    public static async Task<List<TargetRow>> ScoreAsync(PathwayDb db, IndicatorReport selected, string[] order, CancellationToken cancel)
    {
        var query = selected.Query;
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.Targets)
            .Where(c => (query.LocalAuthority == null || c.LocalAuthorityCode == query.LocalAuthority)
                     && (query.Provider == null || c.ProviderCode == query.Provider)
                     && c.StartDate <= query.To && c.EndDate >= query.From)
            .OrderBy(c => c.StartDate).ThenBy(c => c.Name).ToListAsync(cancel);
        var reports = new Dictionary<(string, string), IndicatorReport>();
        var rows = new List<TargetRow>();
        foreach (var contract in contracts)
        {
            var key = (contract.LocalAuthorityCode, contract.ProviderCode);
            if (!reports.TryGetValue(key, out var own))
                reports[key] = own = IsExactly(query, contract) ? selected
                    : await KeptFigures.ComputeAsync(db, query with { LocalAuthority = contract.LocalAuthorityCode, Provider = contract.ProviderCode }, KeptKind.Full, cancel);
            foreach (var target in contract.Targets.OrderBy(t => IndexOf(order, t.IndicatorId)))
                if (own.Figures.FirstOrDefault(f => f.Id == target.IndicatorId) is { } figure)
                    rows.Add(new TargetRow(contract, target.IndicatorId, target.Target, figure, Targets.StatusOf(target.IndicatorId, figure.Value, target.Target)));
        }
        return rows;
    }

    /// <summary>Whether the selection's figures are exactly this contract's, so a target may stand beside them.</summary>
    public static bool IsExactly(IndicatorQuery query, Contract contract) =>
        query.LocalAuthority == contract.LocalAuthorityCode && query.Provider == contract.ProviderCode;

    private static int IndexOf(string[] order, string id) => Array.IndexOf(order, id) is var i and >= 0 ? i : int.MaxValue;
}
