using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Web.Infrastructure.Persistence;

internal sealed class MoneyConverter() : ValueConverter<Money, decimal>(m => m.Amount, d => Money.Of(d));

internal sealed class PercentageConverter() : ValueConverter<Percentage, decimal>(p => p.Value, d => Percentage.Of(d));

internal sealed class GtinConverter() : ValueConverter<Gtin, string>(g => g.Value, s => Gtin.Parse(s));

internal sealed class NdcConverter() : ValueConverter<Ndc, string>(n => n.Value, s => Ndc.FromEleven(s));

internal sealed class CardLastFourConverter() : ValueConverter<PharmacyPos.Domain.Sales.CardLastFour, string>(c => c.Value, s => PharmacyPos.Domain.Sales.CardLastFour.Parse(s));

internal sealed class NpiConverter() : ValueConverter<PharmacyPos.Domain.Prescriptions.Npi, string>(n => n.Value, s => PharmacyPos.Domain.Prescriptions.Npi.Parse(s));

internal sealed class DeaNumberConverter() : ValueConverter<PharmacyPos.Domain.Prescriptions.DeaNumber, string>(d => d.Value, s => PharmacyPos.Domain.Prescriptions.DeaNumber.Parse(s));
