using Pathway.Indicators;

namespace Pathway.Commissioning;

/// <summary>
/// A contract's money for one quarter: what was spent per adult, per completion and per new presentation, the outcome
/// payment earned, and the saving against the contract it replaced. Null where the figure cannot be computed
/// (no spend recorded, or nobody to divide by), never a division by zero.
/// </summary>
public sealed record QuarterMoney(
    decimal QuarterValue, decimal OutcomePot, int Targets, int TargetsMet, decimal OutcomeEarned,
    decimal? Spend, decimal? PerAdultInTreatment, decimal? PerSuccessfulCompletion, decimal? PerNewPresentation,
    decimal? AnnualSaving, decimal? QuarterSaving);

public static class ContractMoney
{
    public static readonly string[] Completions = ["completion.opiate", "completion.non_opiate", "completion.alcohol"];

    /// <summary>
    /// A quarter is a quarter of the annual value. The outcome element of the quarter (<see cref="Contract.OutcomePaymentPercent"/>
    /// of it) is shared equally among the contract's targets, and a target's share is earned only when its status is green
    /// (met); amber earns nothing, because "within 10%" is not the target.
    /// </summary>
    public static QuarterMoney For(Contract contract, IReadOnlyList<TargetRow> rows, decimal? spend, IndicatorReport figures)
    {
        var quarterValue = Pence(contract.AnnualValue / 4);
        var pot = Pence(quarterValue * contract.OutcomePaymentPercent / 100);
        var targets = contract.Targets.Count;
        var met = rows.Count(r => r.Contract.Id == contract.Id && r.Status == Rag.Green);
        var earned = targets == 0 ? 0 : Pence(pot * met / targets);
        var completions = Completions.Sum(id => figures[id].Numerator ?? 0);
        decimal? saving = contract.PreviousAnnualValue is { } before ? before - contract.AnnualValue : null;
        return new QuarterMoney(quarterValue, pot, targets, met, earned, spend,
            Per(spend, figures["in_treatment.total"].Value), Per(spend, completions), Per(spend, figures["new_presentations.total"].Value),
            saving, saving is { } s ? Pence(s / 4) : null);
    }

    private static decimal? Per(decimal? spend, decimal? count) =>
        spend is { } s && count is { } n and > 0 ? Pence(s / n) : null;

    public static decimal Pence(decimal pounds) => Math.Round(pounds, 2, MidpointRounding.AwayFromZero);

    public static string Pounds(decimal? pounds) =>
        pounds is { } p ? (p < 0 ? "-£" : "£") + Math.Abs(p).ToString("N2", System.Globalization.CultureInfo.InvariantCulture) : "not known";

    /// <summary>The most a quarter's spend may be: what the column holds (14 digits, 2 after the point).</summary>
    public const decimal MaxSpend = 999_999_999_999.99m;

    /// <summary>The quarters a contract's spend may be recorded for: those it covers, up to the quarter containing today, newest first.</summary>
    public static IReadOnlyList<Quarter> SpendQuarters(Contract contract, DateOnly today)
    {
        var list = new List<Quarter>();
        var last = Quarter.Containing(contract.EndDate < today ? contract.EndDate : today);
        for (var q = last; q.To >= contract.StartDate && list.Count < 40; q = q.Previous()) list.Add(q);
        return list;
    }

    /// <summary>
    /// Reads a spend typed by a commissioner ("£12,500.50", "12500"): pounds and pence, never negative, at most two decimal
    /// places. Returns the amount, or the message to show beside the field.
    /// </summary>
    public static (decimal? Amount, string? Problem) ReadSpend(string? text)
    {
        var t = (text ?? "").Trim().Replace("£", "").Replace(",", "").Trim();
        if (t.Length == 0) return (null, "Enter the amount spent in the quarter, in pounds");
        if (!decimal.TryParse(t, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var amount))
            return (null, "Amount spent must be a number of pounds, like 125000 or 125,000.50");
        if (amount < 0) return (null, "Amount spent must be 0 or more");
        if (amount != Math.Round(amount, 2)) return (null, "Amount spent must have no more than 2 decimal places (pence)");
        if (amount > MaxSpend) return (null, "Amount spent must be less than £1,000,000,000,000");
        return (amount, null);
    }

    /// <summary>Records a quarter's spend, replacing any recorded before for the same quarter.</summary>
    public static async Task SaveSpendAsync(Data.PathwayDb db, int contractId, Quarter quarter, decimal amount, string who, DateTimeOffset at, CancellationToken cancel)
    {
        var held = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.ContractSpends.Where(s => s.ContractId == contractId && s.FinancialYear == quarter.FinancialYear && s.QuarterNumber == quarter.Number), cancel);
        if (held is null)
            db.ContractSpends.Add(held = new ContractSpend { ContractId = contractId, FinancialYear = quarter.FinancialYear, QuarterNumber = quarter.Number, RecordedBy = who });
        held.Amount = amount;
        held.RecordedBy = who;
        held.RecordedAt = at;
        await db.SaveChangesAsync(cancel);
    }
}
