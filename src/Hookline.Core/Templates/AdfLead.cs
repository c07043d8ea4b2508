namespace Hookline.Core.Templates;

/// <summary>
/// An ADF 1.0 lead (Auto-lead Data Format, the XML that dealer CRMs take in), complete as the ADF 1.0 DTD asks:
/// the delivery's lead status, the request date with its offset, the vehicle looked at, the caller as the
/// customer (name, phone typed by line type, address) with a comment that carries the call (recording, durations,
/// campaign, IVR presses, landing page), the location as the vendor (its contact's phone is the tracking number
/// the caller dialed: the location has no number of its own), and Hookline as the provider. Tokens are inline, so
/// that the repeated name and street elements each keep their own.
/// </summary>
internal static class AdfLead
{
    public const string Format = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?adf version="1.0"?>
        <adf>
          <prospect status="%lead_status|new%">
            <id sequence="1" source="Hookline">%callid%</id>
            <requestdate>%call_start_time:iso%</requestdate>
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
                <phone type="%ani_line_type:map(Mobile=cellphone;*=voice)|voice%">%ani%</phone>
                <address>
                  <street line="1">%ani_street_line_1%</street>
                  <street line="2">%ani_street_line_2%</street>
                  <city>%ani_city%</city>
                  <regioncode>%ani_state%</regioncode>
                  <postalcode>%ani_zip%</postalcode>
                  <country>%ani_country_code%</country>
                </address>
              </contact>
              <comments>Phone call from %ani:national% to %tracking:national% (campaign: %campaign_name|none%). Recording: %rec_audiourl|none%. Duration in seconds: %dialed_time|unknown% (talk time %answered_time|unknown%). IVR: %prompt_responses:text|none%. Landing page: %first_page_landed_on|none%.</comments>
            </customer>
            <vendor>
              <id source="Hookline">%location_id%</id>
              <vendorname>%location_name%</vendorname>
              <contact primarycontact="1">
                <name part="full">%location_name%</name>
                <phone type="voice">%tracking%</phone>
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
