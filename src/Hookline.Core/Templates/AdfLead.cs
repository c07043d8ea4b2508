namespace Hookline.Core.Templates;

/// <summary>
/// An ADF 1.0 lead (Auto-lead Data Format, the XML that dealer CRMs take in): the caller as the customer, the
/// vehicle they looked at, the location as the vendor, Hookline as the provider. Tokens are inline, so that
/// the repeated name and street elements each keep their own.
/// </summary>
internal static class AdfLead
{
    public const string Format = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?adf version="1.0"?>
        <adf>
          <prospect status="new">
            <id sequence="1" source="Hookline">%callid%</id>
            <requestdate>%call_start_time%</requestdate>
            <vehicle interest="buy" status="used">
              <year>%vehicle_year%</year>
              <make>%vehicle_make%</make>
              <model>%vehicle_model%</model>
              <vin>%vehicle_vin%</vin>
            </vehicle>
            <customer>
              <contact>
                <name part="first">%ani_first_name%</name>
                <name part="last">%ani_last_name%</name>
                <phone type="voice">%ani%</phone>
                <address>
                  <street line="1">%ani_street_line_1%</street>
                  <city>%ani_city%</city>
                  <regioncode>%ani_state%</regioncode>
                  <postalcode>%ani_zip%</postalcode>
                  <country>%ani_country_code%</country>
                </address>
              </contact>
              <comments>Phone call from %ani% to %tracking% (%campaign_name%)</comments>
            </customer>
            <vendor>
              <id source="Hookline">%location_id%</id>
              <vendorname>%location_name%</vendorname>
              <contact primarycontact="1">
                <name part="full">%location_name%</name>
                <address>
                  <street line="1">%location_address_line_1%</street>
                  <street line="2">%location_address_line_2%</street>
                  <city>%location_address_city%</city>
                  <regioncode>%location_address_state%</regioncode>
                  <postalcode>%location_address_zip%</postalcode>
                </address>
              </contact>
            </vendor>
            <provider>
              <name part="full">Hookline</name>
              <service>Call tracking</service>
            </provider>
          </prospect>
        </adf>
        """;
}
