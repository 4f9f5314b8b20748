using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.PublicSite;

public sealed record DropInView(DayOfWeek Day, TimeOnly Starts, TimeOnly Ends, string Description);
public sealed record PlaceView(string Area, string Name, string Address, string Postcode, string OpeningTimes, bool NeedleAndSyringe,
    string? Phone, List<DropInView> DropIns);

/// <summary>The public service finder: where and when, with nothing about anyone who uses the services.</summary>
[AllowAnonymous]
public class ServicesModel(PathwayDb db) : PageModel
{
    public List<PlaceView> Places { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var areas = await db.LocalAuthorities.AsNoTracking().ToDictionaryAsync(l => l.Code, l => l.Name, cancel);
        var places = await db.ServicePlaces.AsNoTracking().Include(p => p.DropIns).OrderBy(p => p.Name).ToListAsync(cancel);
        Places = places
            .Select(p => new PlaceView(areas.GetValueOrDefault(p.LocalAuthorityCode, p.LocalAuthorityCode), p.Name, p.Address, p.Postcode,
                p.OpeningTimes, p.NeedleAndSyringe, p.Phone,
                p.DropIns.OrderBy(d => (int)d.Day == 0 ? 7 : (int)d.Day).ThenBy(d => d.Starts)
                    .Select(d => new DropInView(d.Day, d.Starts, d.Ends, d.Description)).ToList()))
            .OrderBy(p => p.Area).ThenBy(p => p.Name)
            .ToList();
    }
}
