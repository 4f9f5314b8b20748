using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Commissioning;

/// <summary>
/// A commissioner records what their council spent on a contract in a quarter. Only the council's own commissioners keep
/// its contracts' spend: a contract of another council is not found, and a team manager is refused. Audited with the save.
/// </summary>
[Authorize(Policy = Policies.Performance)]
public class SpendModel(PathwayDb db, RecordAccess access, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public int ContractId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }
    [BindProperty] public string? Amount { get; set; }

    public Contract Contract { get; private set; } = null!;
    public IReadOnlyList<Quarter> Quarters { get; private set; } = [];
    public IEnumerable<SelectListItem> QuarterItems => Quarters.Select(q => new SelectListItem($"{q.Name} ({q.Months})", q.Key));
    public decimal? Held { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await LoadAsync(cancel) is { } refused) return refused;
        if (Commissioning.Quarter.TryParse(Quarter, out var q) && Quarters.Contains(q))
        {
            Held = await HeldAsync(q, cancel);
            Amount ??= Held?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }
        else Quarter = Quarters.Count > 0 ? Quarters[0].Key : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (await LoadAsync(cancel) is { } refused) return refused;
        var hasQuarter = Commissioning.Quarter.TryParse(Quarter, out var quarter) && Quarters.Contains(quarter);
        if (!hasQuarter) ModelState.AddModelError(nameof(Quarter), "Choose a quarter the contract covers, up to the current one");
        var (amount, problem) = ContractMoney.ReadSpend(Amount);
        if (problem is not null) ModelState.AddModelError(nameof(Amount), problem);
        if (!ModelState.IsValid || amount is null) return Page();

        audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ContractSpend, $"{Contract.Id}:{quarter.Key}");
        await ContractMoney.SaveSpendAsync(db, Contract.Id, quarter, amount.Value, User.Identity?.Name ?? "unknown", HttpContext.Time().GetUtcNow(), cancel);
        Held = amount;
        Saved = true;
        return Page();
    }

    private async Task<decimal?> HeldAsync(Quarter q, CancellationToken cancel) =>
        await db.ContractSpends.AsNoTracking()
            .Where(s => s.ContractId == ContractId && s.FinancialYear == q.FinancialYear && s.QuarterNumber == q.Number)
            .Select(s => (decimal?)s.Amount).FirstOrDefaultAsync(cancel);

    private async Task<IActionResult?> LoadAsync(CancellationToken cancel)
    {
        var scope = await access.ScopeAsync(cancel);
        if (scope.LocalAuthorityCode is not { Length: > 0 } council)
        {
            await access.RefusedAsync(AuditedRecordTypes.ContractSpend, ContractId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancel);
            return Forbid();
        }
        // Another council's contract is simply not found.
        if (await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == ContractId && c.LocalAuthorityCode == council, cancel) is not { } contract)
            return NotFound();
        Contract = contract;
        Quarters = ContractMoney.SpendQuarters(contract, HttpContext.Today());
        return null;
    }
}
