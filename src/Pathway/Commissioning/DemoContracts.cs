using Pathway.Data;
using Pathway.Demo;

namespace Pathway.Commissioning;

/// <summary>The demonstration area's contracts: each council with the incoming provider, from the transition on.</summary>
public static class DemoContracts
{
    public static async Task AddAsync(PathwayDb db, DateOnly transition, DateOnly today, CancellationToken cancel)
    {
        // Synthetic money: the redesigned service costs less than the one it replaced, 10% of it paid on outcomes.
        var index = 0;
        foreach (var la in DemoArea.LocalAuthorities)
        {
            var value = 2_400_000m + 600_000m * index++;
            var contract = new Contract
            {
                Name = $"{la.Name} adult treatment and recovery",
                LocalAuthorityCode = la.Code,
                ProviderCode = DemoArea.Incoming.Code,
                StartDate = transition,
                EndDate = transition.AddYears(5).AddDays(-1),
                ExtensionEndDate = transition.AddYears(7).AddDays(-1),
                AnnualValue = value,
                OutcomePaymentPercent = 10m,
                PreviousAnnualValue = value * 1.15m,
                Targets =
                [
                    new() { IndicatorId = "completion.opiate", Target = 6m },
                    new() { IndicatorId = "completion.non_opiate", Target = 30m },
                    new() { IndicatorId = "completion.alcohol", Target = 35m },
                    new() { IndicatorId = "waiting.over_3_weeks", Target = 10m },
                    new() { IndicatorId = "access.dna_rate", Target = 15m },
                ],
            };
            // Spend for every full quarter since the contract began: a little under or over a quarter of its value.
            for (var q = Quarter.Containing(today).Previous(); q.From >= transition; q = q.Previous())
                contract.Spend.Add(new ContractSpend
                {
                    FinancialYear = q.FinancialYear, QuarterNumber = q.Number, Amount = ContractMoney.Pence(value / 4 * (0.96m + 0.02m * q.Number)),
                    RecordedBy = "demo", RecordedAt = new DateTimeOffset(q.To.AddDays(20).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                });
            db.Contracts.Add(contract);
        }
        await db.SaveChangesAsync(cancel);
    }
}
