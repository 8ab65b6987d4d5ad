#include "io/microscopy/ome_xml.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <set>

#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {
namespace {

constexpr auto npos = std::string_view::npos;

struct XmlTag {
  std::string_view name;        // local name: a namespace prefix (ome:Pixels) removed
  std::string_view attributes;  // the text between the name and '>' or "/>"
  bool closing = false;         // </name>
  bool self_closing = false;    // <name ... />
};

/// The next element tag at or after `pos`, which moves past it; comments, processing instructions, CDATA and
/// DOCTYPE are skipped. nullopt at the end of the text or in an unterminated tag.
std::optional<XmlTag> next_tag(std::string_view xml, std::size_t& pos) {
  while (true) {
    const std::size_t lt = xml.find('<', pos);
    if (lt == npos) return std::nullopt;
    const auto skip_past = [&](std::string_view end) {
      const std::size_t e = xml.find(end, lt);
      pos = e == npos ? xml.size() : e + end.size();
    };
    const std::string_view rest = xml.substr(lt);
    if (rest.starts_with("<!--")) { skip_past("-->"); continue; }
    if (rest.starts_with("<![CDATA[")) { skip_past("]]>"); continue; }
    if (rest.starts_with("<?")) { skip_past("?>"); continue; }
    if (rest.starts_with("<!")) { skip_past(">"); continue; }
    std::size_t i = lt + 1;
    char quote = 0;  // a '>' inside an attribute value does not end the tag
    for (; i < xml.size(); ++i) {
      const char ch = xml[i];
      if (quote) {
        if (ch == quote) quote = 0;
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
      } else if (ch == '>') {
        break;
      }
    }
    if (i >= xml.size()) return std::nullopt;
    std::string_view inner = xml.substr(lt + 1, i - lt - 1);
    pos = i + 1;
    XmlTag tag;
    if (inner.starts_with('/')) {
      tag.closing = true;
      inner.remove_prefix(1);
    }
    if (inner.ends_with('/')) {
      tag.self_closing = true;
      inner.remove_suffix(1);
    }
    const std::size_t name_end = inner.find_first_of(" \t\r\n");
    const std::string_view qualified = inner.substr(0, name_end);
    tag.attributes = name_end == npos ? std::string_view{} : inner.substr(name_end);
    const std::size_t colon = qualified.rfind(':');
    tag.name = colon == npos ? qualified : qualified.substr(colon + 1);
    return tag;
  }
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

/// Attribute text with XML's entities replaced (writers spell µm as "&#181;m" as often as in UTF-8).
std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t semi = s[i] == '&' ? s.find(';', i) : npos;
    if (semi == npos) {
      out += s[i++];
      continue;
    }
    const std::string_view entity = s.substr(i + 1, semi - i - 1);
    if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "amp") out += '&';
    else if (entity == "quot") out += '"';
    else if (entity == "apos") out += '\'';
    else if (entity.starts_with('#')) {
      const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec == std::errc() && end == digits.data() + digits.size()) append_utf8(out, cp);
      else out.append(s.substr(i, semi - i + 1));
    } else {
      out.append(s.substr(i, semi - i + 1));  // unknown entity: kept as written
    }
    i = semi + 1;
  }
  return out;
}

/// The value of attribute `name` (exact, prefix included) in a tag's attribute text.
std::optional<std::string> attribute(std::string_view attributes, std::string_view name) {
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < attributes.size() && std::string_view(" \t\r\n").find(attributes[i]) != npos) ++i;
  };
  while (true) {
    skip_space();
    const std::size_t name_start = i;
    while (i < attributes.size() && attributes[i] != '=' && std::string_view(" \t\r\n").find(attributes[i]) == npos)
      ++i;
    const std::string_view this_name = attributes.substr(name_start, i - name_start);
    skip_space();
    if (this_name.empty() || i >= attributes.size() || attributes[i] != '=') return std::nullopt;
    ++i;
    skip_space();
    if (i >= attributes.size() || (attributes[i] != '"' && attributes[i] != '\'')) return std::nullopt;
    const char quote = attributes[i++];
    const std::size_t end = attributes.find(quote, i);
    if (end == npos) return std::nullopt;
    if (this_name == name) return decode_entities(attributes.substr(i, end - i));
    i = end + 1;
  }
}

std::size_t parse_count(const std::string& text, std::string_view what, const std::filesystem::path& file) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    throw IoError(file.string() + ": OME-XML " + std::string(what) + " \"" + text + "\" is not a whole number");
  return v;
}

std::optional<std::size_t> count_attribute(std::string_view attributes, std::string_view name,
                                           const std::filesystem::path& file) {
  const auto text = attribute(attributes, name);
  if (!text) return std::nullopt;
  return parse_count(*text, name, file);
}

/// µm per unit, for the length units of OME's UnitsLength that a microscope pixel can plausibly have.
std::optional<double> micrometres_per(const std::string& unit) {
  if (unit == "\xC2\xB5m" || unit == "\xCE\xBCm" || unit == "um") return 1.0;  // micro sign, Greek mu, ASCII
  if (unit == "nm") return 1e-3;
  if (unit == "pm") return 1e-6;
  if (unit == "\xC3\x85" || unit == "\xE2\x84\xAB") return 1e-4;  // Å: letter or angstrom sign
  if (unit == "mm") return 1e3;
  if (unit == "cm") return 1e4;
  if (unit == "m") return 1e6;
  if (unit == "in") return 25400.0;
  return std::nullopt;
}

/// PhysicalSize<axis> in µm: absent when the attribute is, or when its unit says the size is not physical
/// ("pixel", "reference frame").
std::optional<double> pixel_size(std::string_view attributes, const std::string& axis,
                                 const std::filesystem::path& file) {
  const auto text = attribute(attributes, "PhysicalSize" + axis);
  if (!text) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size())
    throw IoError(file.string() + ": OME-XML PhysicalSize" + axis + " \"" + *text + "\" is not a number");
  const std::string unit = attribute(attributes, "PhysicalSize" + axis + "Unit").value_or("\xC2\xB5m");  // OME default
  if (unit == "pixel" || unit == "reference frame") return std::nullopt;
  const auto factor = micrometres_per(unit);
  if (!factor)
    throw InputError(file.string() + ": OME-XML PhysicalSize" + axis + "Unit \"" + unit +
                     "\" is not a length unit voxfeat converts to µm (pm, Å, nm, µm, mm, cm, m, in)");
  if (!std::isfinite(value) || value <= 0.0)
    throw InputError(file.string() + ": OME-XML PhysicalSize" + axis + " " + *text + " is not a positive length");
  return value * *factor;
}

bool is_dimension_order(std::string_view order) {
  return order == "XYCZT" || order == "XYCTZ" || order == "XYZCT" || order == "XYZTC" || order == "XYTCZ" ||
         order == "XYTZC";
}

/// Index of plane (c, z, t) among all planes listed in DimensionOrder (the first of C, Z, T varies fastest).
std::size_t plane_index(const OmePixels& p, std::size_t c, std::size_t z, std::size_t t, std::size_t c_planes) {
  std::size_t index = 0, stride = 1;
  for (const char d : std::string_view(p.dimension_order).substr(2)) {
    const std::size_t coordinate = d == 'C' ? c : d == 'Z' ? z : t;
    const std::size_t extent = d == 'C' ? c_planes : d == 'Z' ? p.size_z : p.size_t_points;
    index += coordinate * stride;
    stride *= extent;
  }
  return index;
}

}  // namespace

bool is_ome_xml(std::string_view description) {
  std::size_t pos = 0;
  const auto root = next_tag(description, pos);  // the first element is the root
  return root && !root->closing && root->name == "OME";
}

OmePixels parse_ome_pixels(std::string_view xml, const std::filesystem::path& file) {
  OmePixels p;
  std::size_t pos = 0;
  std::optional<XmlTag> tag;
  while ((tag = next_tag(xml, pos)) && !(tag->name == "Pixels" && !tag->closing)) {
  }
  if (!tag) throw IoError(file.string() + ": OME-XML has no Pixels element");
  const std::string_view a = tag->attributes;
  const auto required = [&](std::string_view name) {
    const auto v = count_attribute(a, name, file);
    if (!v) throw IoError(file.string() + ": OME-XML Pixels has no " + std::string(name));
    return *v;
  };
  p.size_x = required("SizeX");
  p.size_y = required("SizeY");
  p.size_c = required("SizeC");
  p.size_z = required("SizeZ");
  p.size_t_points = required("SizeT");
  if (p.size_c == 0 || p.size_z == 0 || p.size_t_points == 0)
    throw IoError(file.string() + ": OME-XML Pixels has a zero SizeC, SizeZ or SizeT");
  p.dimension_order = attribute(a, "DimensionOrder").value_or("");
  if (!is_dimension_order(p.dimension_order))
    throw IoError(file.string() + ": OME-XML DimensionOrder \"" + p.dimension_order +
                  "\" is not XY followed by C, Z and T");
  p.pixel_size_x_um = pixel_size(a, "X", file);
  p.pixel_size_y_um = pixel_size(a, "Y", file);
  if (tag->self_closing) return p;

  // TiffData children, up to the end of this Pixels element; a UUID inside a TiffData names the file holding it.
  bool inside_tiff_data = false;
  while ((tag = next_tag(xml, pos)) && !(tag->name == "Pixels" && tag->closing)) {
    if (tag->name == "TiffData" && !tag->closing) {
      OmeTiffData d;
      d.ifd = count_attribute(tag->attributes, "IFD", file).value_or(0);
      d.first_c = count_attribute(tag->attributes, "FirstC", file).value_or(0);
      d.first_z = count_attribute(tag->attributes, "FirstZ", file).value_or(0);
      d.first_t = count_attribute(tag->attributes, "FirstT", file).value_or(0);
      d.plane_count = count_attribute(tag->attributes, "PlaneCount", file);
      d.ifd_given = attribute(tag->attributes, "IFD").has_value();
      p.tiff_data.push_back(d);
      inside_tiff_data = !tag->self_closing;
    } else if (tag->name == "TiffData") {
      inside_tiff_data = false;
    } else if (tag->name == "UUID" && !tag->closing && inside_tiff_data) {
      p.tiff_data.back().file_name = attribute(tag->attributes, "FileName");
    }
  }
  return p;
}

std::size_t ifd_of_plane(const OmePixels& pixels, std::size_t channel, std::size_t z, std::size_t t,
                         std::size_t samples_per_ifd, const std::filesystem::path& file) {
  const std::size_t c_planes = pixels.size_c / samples_per_ifd;
  const std::size_t plane = plane_index(pixels, channel / samples_per_ifd, z, t, c_planes);
  if (pixels.tiff_data.empty()) return plane;  // OME's default: IFDs in DimensionOrder from the first

  // A renamed single-file OME-TIFF still names its old file; only TiffData naming two or more files is multi-file.
  std::set<std::string> named_files;
  for (const OmeTiffData& d : pixels.tiff_data)
    if (d.file_name) named_files.insert(*d.file_name);
  const bool multi_file = named_files.size() > 1;

  for (const OmeTiffData& d : pixels.tiff_data) {
    const std::size_t first = plane_index(pixels, d.first_c / samples_per_ifd, d.first_z, d.first_t, c_planes);
    // OME: PlaneCount defaults to 1 when IFD is given, else to every plane.
    const std::size_t count =
        d.plane_count.value_or(d.ifd_given ? 1 : std::numeric_limits<std::size_t>::max() - first);
    if (plane < first || plane - first >= count) continue;
    if (multi_file && d.file_name && *d.file_name != file.filename().string())
      throw IoError(file.string() + ": OME-XML stores channel " + std::to_string(channel) + ", z " + std::to_string(z) +
                    ", t " + std::to_string(t) + " in " + *d.file_name +
                    "; voxfeat reads single-file OME-TIFF only");
    return d.ifd + (plane - first);
  }
  throw IoError(file.string() + ": OME-XML TiffData gives no IFD for channel " + std::to_string(channel) + ", z " +
                std::to_string(z) + ", t " + std::to_string(t));
}

}  // namespace voxfeat::io::microscopy
