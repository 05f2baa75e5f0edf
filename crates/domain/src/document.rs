//! Claim documents (申请材料): what kind of file an upload really is, judged from its first
//! bytes and never from its name, and whether its name agrees.

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
    fn names_must_agree_with_the_content() {
        assert!(MediaType::Pdf.fits_name("出院小结.PDF"));
        assert!(MediaType::Jpeg.fits_name("invoice.jpeg"));
        assert!(MediaType::Png.fits_name("scan"));
        assert!(!MediaType::Png.fits_name("report.pdf"));
        assert!(!MediaType::Pdf.fits_name("photo.jpg"));
    }
}
