//! Claim documents (申请材料): what kind of file an upload really is, judged from its bytes
//! and never from its name — the first bytes name the type, the whole file must have that
//! type's structure, and nothing in it may be markup or script — and whether its name agrees.

use crate::ErrorCode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MediaType {
    Pdf,
    Jpeg,
    Png,
}

impl MediaType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }

    /// What the file's own bytes say it is; `None` for anything but PDF, JPEG and PNG.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Self::Png)
        } else {
            None
        }
    }

    /// Whether a file name's extension (if it has one) fits this type.
    pub fn fits_name(self, name: &str) -> bool {
        let Some((_, ext)) = name.rsplit_once('.') else {
            return true;
        };
        let ext = ext.to_ascii_lowercase();
        match self {
            Self::Pdf => ext == "pdf",
            Self::Jpeg => ext == "jpg" || ext == "jpeg",
            Self::Png => ext == "png",
        }
    }
}

/// Why an upload is not taken as a claim document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentProblem {
    #[error("only PDF, JPEG and PNG files are accepted, and this file is none of them")]
    Unsupported,
    #[error("the file begins as a {kind} but is not a whole, well-formed one ({why}); save or scan it again")]
    Malformed {
        kind: &'static str,
        why: &'static str,
    },
    #[error("the file carries web content or script ({0}); upload a plain scan or photo")]
    Active(&'static str),
}

impl ContentProblem {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unsupported => ErrorCode::DocumentUnsupportedType,
            Self::Malformed { .. } => ErrorCode::DocumentMalformed,
            Self::Active(_) => ErrorCode::DocumentActiveContent,
        }
    }
}

/// What an upload is, judged from the whole file: its first bytes name the type, then its
/// structure is walked to the end (a PDF's trailer and cross-reference, every PNG chunk with
/// its checksum, every JPEG segment up to the end-of-image marker), nothing may follow the
/// end, and no part may hold markup or script a browser would run. A file that is two things
/// at once (a "polyglot": PDF or JPEG magic with HTML inside) is refused.
pub fn judge(bytes: &[u8]) -> Result<MediaType, ContentProblem> {
    let media = MediaType::sniff(bytes).ok_or(ContentProblem::Unsupported)?;
    let malformed = |why| ContentProblem::Malformed {
        kind: media.extension(),
        why,
    };
    let readable = match media {
        MediaType::Pdf => pdf_structure(bytes).map_err(malformed)?,
        MediaType::Png => png_structure(bytes).map_err(malformed)?,
        MediaType::Jpeg => jpeg_structure(bytes).map_err(malformed)?.readable,
    };
    for part in readable {
        if let Some(found) = active_content(&bytes[part], media) {
            return Err(ContentProblem::Active(found));
        }
    }
    Ok(media)
}

/// The parts of a file its structure walk found readable: everything but compressed or
/// entropy-coded data (a PDF's streams, a PNG's image data, a JPEG's scan), in which any
/// short pattern turns up by chance and no browser looks.
type Readable = Vec<std::ops::Range<usize>>;

/// Markup a browser would render (a tag name followed by a space, `>` or `/`); in a PDF also
/// the actions that run script or programs.
fn active_content(bytes: &[u8], media: MediaType) -> Option<&'static str> {
    const TAGS: &[&[u8]] = &[
        b"<html",
        b"<script",
        b"<!doctype",
        b"<svg",
        b"<iframe",
        b"<body",
        b"<object",
        b"<embed",
        b"<img",
        b"<meta",
    ];
    const PDF_ACTIONS: &[&[u8]] = &[b"/javascript", b"/js", b"/launch", b"/richmedia"];
    let has = |at: usize, pattern: &[u8]| {
        bytes
            .get(at..at + pattern.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(pattern))
    };
    let ends = |at: usize, delimiters: fn(&u8) -> bool| bytes.get(at).is_none_or(delimiters);
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'<' => {
                let tag_ends = |n: usize| {
                    ends(i + n, |c| {
                        c.is_ascii_whitespace() || matches!(c, b'>' | b'/')
                    })
                };
                if let Some(tag) = TAGS.iter().find(|t| has(i, t) && tag_ends(t.len())) {
                    return Some(std::str::from_utf8(tag).unwrap_or("markup"));
                }
            }
            b'/' if media == MediaType::Pdf => {
                let name_ends = |n: usize| ends(i + n, |c| !c.is_ascii_alphanumeric());
                if let Some(action) = PDF_ACTIONS.iter().find(|a| has(i, a) && name_ends(a.len())) {
                    return Some(std::str::from_utf8(action).unwrap_or("an action"));
                }
            }
            _ => {}
        }
    }
    None
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A PDF: a version in its header, `startxref` pointing at a cross-reference table or stream
/// inside the file, and `%%EOF` as the last thing in it.
fn pdf_structure(bytes: &[u8]) -> Result<Readable, &'static str> {
    if !(bytes.starts_with(b"%PDF-1.") || bytes.starts_with(b"%PDF-2.")) {
        return Err("no PDF version in its header");
    }
    let eof = find_last(bytes, b"%%EOF").ok_or("no end-of-file marker")?;
    if !bytes[eof + 5..].iter().all(u8::is_ascii_whitespace) {
        return Err("data after the end-of-file marker");
    }
    let start = find_last(&bytes[..eof], b"startxref").ok_or("no cross-reference")?;
    let digits: String = bytes[start + 9..eof]
        .iter()
        .map(|b| *b as char)
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let offset: usize = digits
        .parse()
        .map_err(|_| "an unreadable cross-reference offset")?;
    let at = bytes
        .get(offset..)
        .ok_or("a cross-reference offset outside the file")?;
    let table = at.starts_with(b"xref");
    let stream =
        at.first().is_some_and(u8::is_ascii_digit) && at.windows(3).take(24).any(|w| w == b"obj");
    if !(table || stream) {
        return Err("a cross-reference offset that points at nothing");
    }
    Ok(outside_streams(bytes))
}

/// A PDF's text outside its streams' data (`stream` … `endstream`).
fn outside_streams(bytes: &[u8]) -> Readable {
    let find = |from: usize, needle: &[u8]| {
        bytes[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| from + p)
    };
    let (mut out, mut at) = (Vec::new(), 0);
    while let Some(open) = find(at, b"stream") {
        if bytes[..open].ends_with(b"end") {
            at = open + 6;
            continue;
        }
        out.push(at..open);
        match find(open + 6, b"endstream") {
            Some(close) => at = close,
            None => return out,
        }
    }
    out.push(at..bytes.len());
    out
}

/// A PNG: an `IHDR` first, every chunk whole with its CRC, at least one `IDAT`, and `IEND` as
/// the last bytes of the file.
fn png_structure(bytes: &[u8]) -> Result<Readable, &'static str> {
    let mut at = 8;
    let mut readable = Vec::new();
    let (mut first, mut data) = (true, false);
    loop {
        let header = bytes.get(at..at + 8).ok_or("a chunk cut short")?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = &header[4..8];
        let body_end = at
            .checked_add(8 + len)
            .filter(|e| e + 4 <= bytes.len())
            .ok_or("a chunk longer than the file")?;
        let crc = &bytes[body_end..body_end + 4];
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&bytes[at + 4..body_end]);
        if hasher.finalize().to_be_bytes() != crc {
            return Err("a chunk whose checksum is wrong");
        }
        if first && (kind != b"IHDR" || len != 13) {
            return Err("no image header first");
        }
        first = false;
        if kind == b"IDAT" {
            data = true;
        } else {
            readable.push(at + 8..body_end);
        }
        at = body_end + 4;
        if kind == b"IEND" {
            return match (data, at == bytes.len()) {
                (false, _) => Err("no image data"),
                (true, false) => Err("data after the end of the image"),
                (true, true) => Ok(readable),
            };
        }
    }
}

/// The frame header of a JPEG (its SOF segment): the size it declares, how it is coded and
/// how each component is sampled, from which the memory a decode needs follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JpegFrame {
    pub width: u16,
    pub height: u16,
    /// Progressive coding keeps every coefficient of the image until its last scan.
    pub progressive: bool,
    /// Each component's horizontal and vertical sampling factors (1 to 4).
    pub sampling: Vec<(u8, u8)>,
}

impl JpegFrame {
    /// Each component's 8×8 blocks, counted over whole MCUs as a decoder lays them out.
    pub fn blocks(&self) -> Vec<u64> {
        let h_max = self
            .sampling
            .iter()
            .map(|s| u64::from(s.0))
            .max()
            .unwrap_or(1);
        let v_max = self
            .sampling
            .iter()
            .map(|s| u64::from(s.1))
            .max()
            .unwrap_or(1);
        let mcus_x = u64::from(self.width).div_ceil(8 * h_max.max(1));
        let mcus_y = u64::from(self.height).div_ceil(8 * v_max.max(1));
        self.sampling
            .iter()
            .map(|(h, v)| mcus_x * u64::from(*h) * mcus_y * u64::from(*v))
            .collect()
    }
}

/// The frame header of a whole, well-formed JPEG; `None` for anything else.
pub fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    if MediaType::sniff(bytes) != Some(MediaType::Jpeg) {
        return None;
    }
    let walk = jpeg_structure(bytes).ok()?;
    let (marker, at) = walk.frame?;
    let header = bytes.get(at..)?;
    let height = u16::from_be_bytes([*header.get(1)?, *header.get(2)?]);
    let width = u16::from_be_bytes([*header.get(3)?, *header.get(4)?]);
    let count = usize::from(*header.get(5)?);
    let sampling = (0..count)
        .map(|i| {
            let factors = *header.get(6 + 3 * i + 1)?;
            let (h, v) = (factors >> 4, factors & 0x0F);
            ((1..=4).contains(&h) && (1..=4).contains(&v)).then_some((h, v))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(JpegFrame {
        width,
        height,
        progressive: matches!(marker, 0xC2 | 0xC6 | 0xCA | 0xCE),
        sampling,
    })
}

/// What walking a JPEG's segments found: the parts a viewer reads as text, and the frame
/// header's marker and where its fields start.
struct JpegWalk {
    readable: Readable,
    frame: Option<(u8, usize)>,
}

/// A JPEG: segments with their lengths from the start-of-image marker, a frame header before
/// the scan, entropy-coded data, and the end-of-image marker as the last bytes of the file.
fn jpeg_structure(bytes: &[u8]) -> Result<JpegWalk, &'static str> {
    let mut at = 2;
    let mut readable = Vec::new();
    let mut frame = None;
    loop {
        if bytes.get(at) != Some(&0xFF) {
            return Err("a segment that does not start with a marker");
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *bytes.get(at).ok_or("no end-of-image marker")?;
        at += 1;
        match marker {
            0xD9 => {
                return match (frame, at == bytes.len()) {
                    (None, _) => Err("no image frame"),
                    (Some(_), false) => Err("data after the end of the image"),
                    (Some(_), true) => Ok(JpegWalk { readable, frame }),
                }
            }
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let len = bytes
            .get(at..at + 2)
            .map(|l| u16::from_be_bytes([l[0], l[1]]) as usize)
            .filter(|l| *l >= 2)
            .ok_or("a segment cut short")?;
        let end = at + len;
        if end > bytes.len() {
            return Err("a segment longer than the file");
        }
        if frame.is_none() && matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
        {
            frame = Some((marker, at + 2));
        }
        readable.push(at + 2..end);
        at = end;
        if marker == 0xDA {
            if frame.is_none() {
                return Err("a scan before any frame header");
            }
            // Entropy-coded data runs to the next marker that is not a stuffed zero or a
            // restart marker.
            loop {
                let ff = bytes[at..]
                    .iter()
                    .position(|b| *b == 0xFF)
                    .ok_or("no end-of-image marker")?;
                at += ff;
                match bytes.get(at + 1) {
                    Some(0x00) | Some(0xD0..=0xD7) => at += 2,
                    Some(0xFF) => at += 1,
                    Some(_) => break,
                    None => return Err("no end-of-image marker"),
                }
            }
        }
    }
}

/// The smallest whole files of each type, for tests and examples: a one-page PDF, a 1×1 PNG
/// and a JPEG's shape.
pub mod examples {
    /// A one-page PDF with a correct cross-reference table.
    pub fn pdf() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(kind);
        hasher.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&hasher.finalize().to_be_bytes());
    }

    /// The image data of [`png`]: zlib, a stored block of the one filter byte and the one
    /// pixel.
    pub const ONE_GREY_PIXEL: [u8; 13] = [
        0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81,
    ];

    /// A 1×1 grey PNG.
    pub fn png() -> Vec<u8> {
        png_declaring(1, 1, &ONE_GREY_PIXEL)
    }

    /// A whole PNG (every chunk with its right checksum) of 8-bit grey that declares
    /// `width` × `height` and carries `data` as its image data, whatever that holds.
    pub fn png_declaring(width: u32, height: u32, data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        let header = [
            &width.to_be_bytes()[..],
            &height.to_be_bytes(),
            &[8, 0, 0, 0, 0],
        ]
        .concat();
        chunk(&mut out, b"IHDR", &header);
        chunk(&mut out, b"IDAT", data);
        chunk(&mut out, b"IEND", &[]);
        out
    }

    /// A JPEG's shape at its smallest: its segments in order (an 8×8 frame), a scan of a few
    /// bytes and the end-of-image marker.
    pub fn jpeg() -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        let mut segment = |marker: u8, data: &[u8]| {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(data);
        };
        segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        segment(0xDB, &[[0u8].as_slice(), &[1u8; 64]].concat());
        segment(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
        segment(
            0xC4,
            &[0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        segment(
            0xC4,
            &[0x10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        segment(0xDA, &[1, 1, 0x00, 0, 63, 0]);
        out.extend_from_slice(&[0x00, 0xFF, 0x00, 0x3F]);
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_decide_not_the_name() {
        assert_eq!(MediaType::sniff(b"%PDF-1.7\n..."), Some(MediaType::Pdf));
        assert_eq!(
            MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0]),
            Some(MediaType::Jpeg)
        );
        assert_eq!(
            MediaType::sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some(MediaType::Png)
        );
        assert_eq!(MediaType::sniff(b"MZ\x90\x00 an executable"), None);
        assert_eq!(MediaType::sniff(b""), None);
        assert_eq!(MediaType::sniff(b"%PD"), None);
    }

    #[test]
    fn whole_files_of_each_type_are_taken() {
        assert_eq!(judge(&examples::pdf()), Ok(MediaType::Pdf));
        assert_eq!(judge(&examples::png()), Ok(MediaType::Png));
        assert_eq!(judge(&examples::jpeg()), Ok(MediaType::Jpeg));
    }

    fn problem(bytes: &[u8]) -> ErrorCode {
        judge(bytes).unwrap_err().code()
    }

    #[test]
    fn polyglots_and_broken_files_are_refused() {
        let html = b"<html><script>alert(document.cookie)</script></html>";
        // The magic bytes of each type with a web page after them.
        assert_eq!(
            problem(&[b"%PDF-1.7\n".as_slice(), html].concat()),
            ErrorCode::DocumentMalformed
        );
        assert_eq!(
            problem(&[&[0xFF, 0xD8, 0xFF, 0xE0][..], html].concat()),
            ErrorCode::DocumentMalformed
        );
        // A whole file with a page after its end, or inside it.
        for whole in [examples::pdf(), examples::png(), examples::jpeg()] {
            assert_eq!(
                problem(&[whole.as_slice(), html].concat()),
                ErrorCode::DocumentMalformed
            );
        }
        let pdf = String::from_utf8(examples::pdf()).unwrap();
        let with_page = pdf.replace("/MediaBox", "/Note (<HTML><body onload=x()>) /MediaBox");
        // The cross-reference now points a little off; put the page where offsets stay right.
        let inside = format!("{}% <script>x()</script>\n", &pdf[..9]) + &pdf[9..];
        assert_ne!(judge(with_page.as_bytes()), Ok(MediaType::Pdf));
        let fixed = relocated(&inside);
        assert_eq!(problem(fixed.as_bytes()), ErrorCode::DocumentActiveContent);
        let js = relocated(&pdf.replace(
            "/Type /Catalog",
            "/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        ));
        assert_eq!(problem(js.as_bytes()), ErrorCode::DocumentActiveContent);
        // Cut short, or a flipped byte in a PNG chunk.
        let png = examples::png();
        assert_eq!(problem(&png[..png.len() - 3]), ErrorCode::DocumentMalformed);
        let mut flipped = png.clone();
        flipped[20] ^= 1;
        assert_eq!(problem(&flipped), ErrorCode::DocumentMalformed);
        let jpeg = examples::jpeg();
        assert_eq!(
            problem(&jpeg[..jpeg.len() - 2]),
            ErrorCode::DocumentMalformed
        );
        assert_eq!(
            problem(b"MZ an executable"),
            ErrorCode::DocumentUnsupportedType
        );
    }

    #[test]
    fn patterns_in_compressed_or_image_data_are_chance_not_content() {
        // Image data and a PDF stream that happen to hold `<svg ` and `/JS ` bytes.
        let noise = b"\x00\x13<svg \x7f/JS \x01".as_slice();
        let pdf = String::from_utf8(examples::pdf()).unwrap();
        let with_stream = relocated(&pdf.replace(
            "3 0 obj\n",
            &format!(
                "4 0 obj\n<< /Length {} >>\nstream\n{}\nendstream\nendobj\n3 0 obj\n",
                noise.len(),
                String::from_utf8_lossy(noise)
            ),
        ));
        assert_eq!(judge(with_stream.as_bytes()), Ok(MediaType::Pdf));
        let mut jpeg = examples::jpeg();
        let eoi = jpeg.len() - 2;
        jpeg.splice(eoi..eoi, noise.iter().copied().filter(|b| *b != 0xFF));
        assert_eq!(judge(&jpeg), Ok(MediaType::Jpeg));
        // The same bytes where a viewer reads text (a JPEG comment) are refused.
        let mut commented = examples::jpeg();
        let comment = [&[0xFF, 0xFE, 0, (noise.len() + 2) as u8][..], noise].concat();
        commented.splice(2..2, comment);
        assert_eq!(problem(&commented), ErrorCode::DocumentActiveContent);
    }

    /// The PDF with its cross-reference offsets written again for where the objects now are.
    fn relocated(pdf: &str) -> String {
        let body_end = pdf.find("xref\n").unwrap();
        let body = &pdf[..body_end];
        let mut offsets = Vec::new();
        for n in 1..=3 {
            offsets.push(body.find(&format!("{n} 0 obj")).unwrap());
        }
        let mut out = body.to_string();
        let xref = out.len();
        out.push_str("xref\n0 4\n0000000000 65535 f \n");
        for o in offsets {
            out.push_str(&format!("{o:010} 00000 n \n"));
        }
        out.push_str(&format!(
            "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        ));
        out
    }

    #[test]
    fn a_jpeg_frame_declares_its_size_and_sampling() {
        let frame = jpeg_frame(&examples::jpeg()).unwrap();
        assert_eq!((frame.width, frame.height), (8, 8));
        assert!(!frame.progressive);
        assert_eq!(frame.blocks(), vec![1]);
        // 4:2:0 at 100 × 50: MCUs of 16 × 16, so 7 × 4 of them; luma has four blocks in each.
        let subsampled = JpegFrame {
            width: 100,
            height: 50,
            progressive: true,
            sampling: vec![(2, 2), (1, 1), (1, 1)],
        };
        assert_eq!(subsampled.blocks(), vec![112, 28, 28]);
        assert_eq!(jpeg_frame(&examples::png()), None);
    }

    #[test]
    fn names_must_agree_with_the_content() {
        assert!(MediaType::Pdf.fits_name("出院小结.PDF"));
        assert!(MediaType::Jpeg.fits_name("invoice.jpeg"));
        assert!(MediaType::Png.fits_name("scan"));
        assert!(!MediaType::Png.fits_name("report.pdf"));
        assert!(!MediaType::Pdf.fits_name("photo.jpg"));
    }
}
