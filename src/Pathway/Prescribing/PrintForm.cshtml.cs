using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Prescribing;

/// <summary>
/// An issued form, laid out for the controlled-drug instalment prescription (FP10MDA-style) with every item the Misuse of
/// Drugs Regulations require. Each opening is audited as a view of the episode (<see cref="AuditedRecordFilter"/>).
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[Authorize(Policy = Policies.Prescribing)]
[AuditedRecord(AuditedRecordTypes.Episode)]
public class PrintFormModel(PathwayDb db) : PageModel
{
    public PrescriptionForm Form { get; private set; } = null!;
    public Prescription Prescription => Form.Prescription;
    public string PatientName { get; private set; } = "";
    public string? Address { get; private set; }
    public DateOnly DateOfBirth { get; private set; }
    public string? NhsNumber { get; private set; }
    public int Days => Form.LastDay.DayNumber - Form.FirstDay.DayNumber + 1;
    public (decimal Quantity, string Unit) Total => Formulations.Total(Prescription.Medicine, Prescription.DoseMg, Days);
    public (decimal Quantity, string Unit) Daily => Formulations.Total(Prescription.Medicine, Prescription.DoseMg, 1);
    public Formulation Formulation => Formulations.Of(Prescription.Medicine);

    public async Task<IActionResult> OnGetAsync(int id, int formId, CancellationToken cancel)
    {
        var form = await db.PrescriptionForms.AsNoTracking().Include(f => f.Prescription).ThenInclude(p => p.Episode).ThenInclude(e => e.ClientRecord)
            .ThenInclude(c => c.Person)
            .SingleOrDefaultAsync(f => f.Id == formId && f.Prescription.EpisodeId == id, cancel);
        if (form is null) return NotFound();
        Form = form;
        var client = form.Prescription.Episode.ClientRecord;
        PatientName = $"{client.GivenName} {client.FamilyName}".Trim();
        Address = (await db.ClientContacts.AsNoTracking().SingleOrDefaultAsync(c => c.ClientRecordId == client.Id, cancel))?.Address();
        DateOfBirth = client.Person.DateOfBirth;
        NhsNumber = client.NhsNumber;
        return Page();
    }
}
