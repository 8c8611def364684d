//! Company logos: checking uploads, re-encoding them to a fixed set of square PNGs, and generating
//! placeholder logos for demo companies.
//!
//! Uploads are untrusted. The format is taken from the file's first bytes, dimensions are checked from the
//! header before any pixel is decoded, and decoding runs under memory and dimension limits, so a small file
//! that unpacks to a huge image is refused instead of exhausting the server. Everything stored is a PNG this
//! module encoded itself, which also drops any metadata (camera, location) the upload carried.
//!
//! Decoding and resizing take a noticeable amount of CPU for large images: call [`process`] from
//! `tokio::task::spawn_blocking`, not directly on the async runtime.

use std::io::Cursor;

use hubboard::picture::{MAX_PIXELS, MAX_SIDE, MIN_SIDE};
pub use hubboard::picture::{MAX_UPLOAD_BYTES, PictureError};

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, Limits, RgbaImage,
};

/// The square sizes, in pixels, every logo is stored at.
pub const SIZES: [u32; 3] = [64, 128, 256];

/// Most memory a decoder may allocate for one upload: [`MAX_PIXELS`] at 16-bit RGBA fits.
const MAX_DECODE_ALLOC: u64 = MAX_PIXELS * 8;
/// Images whose longer side exceeds this are first shrunk with a fast area average…
const PRESHRINK_ABOVE: u32 = 2048;
/// …to this longer side, from which the renditions are resampled with a high-quality filter.
const PRESHRINK_TO: u32 = 1024;
/// The side of a generated demo logo, in pixels.
const DEMO_SIDE: u32 = 256;

/// One stored rendition.
#[derive(Debug, Clone)]
pub struct Rendition {
    /// Width and height, in pixels; one of [`SIZES`].
    pub size: u32,
    /// The rendition, encoded as PNG.
    pub png: Vec<u8>,
}

/// Checks and re-encodes an upload: one square PNG per entry of [`SIZES`], in the same order.
///
/// The format is detected from the bytes (magic numbers), never from the file name or the declared content
/// type. Images that are not square are centred on a transparent square, so nothing is cropped or stretched.
/// Never panics, whatever the input.
pub fn process(bytes: &[u8]) -> Result<Vec<Rendition>, PictureError> {
    if bytes.is_empty() {
        return Err(PictureError::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PictureError::TooLarge { bytes: bytes.len() });
    }
    let format = detect_format(bytes)?;
    // The decoders report bad input as errors; a panic would be a bug in them, and must not take the request
    // down with it.
    std::panic::catch_unwind(|| decode_and_render(bytes, format)).unwrap_or_else(|_| {
        tracing::error!(?format, "an image decoder panicked on an uploaded logo");
        Err(PictureError::Corrupt)
    })
}

/// One stored rendition of an article's picture.
#[derive(Debug, Clone)]
pub struct Picture {
    /// `wide` or `thumb`.
    pub name: &'static str,
    /// `jpeg` for opaque photographs, `png` for PNG uploads and anything with transparency.
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// The renditions of an article's picture and their largest widths; a picture is never enlarged, and at most twice
/// as tall as it is wide.
pub const PICTURE_WIDTHS: [(&str, u32); 2] = [("wide", 1200), ("thumb", 320)];

/// Checks and re-encodes an article's picture: one rendition per entry of [`PICTURE_WIDTHS`], in the same order,
/// under the same checks and limits as logos. Never panics, whatever the input.
pub fn process_picture(bytes: &[u8]) -> Result<Vec<Picture>, PictureError> {
    if bytes.is_empty() {
        return Err(PictureError::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PictureError::TooLarge { bytes: bytes.len() });
    }
    let format = detect_format(bytes)?;
    std::panic::catch_unwind(|| decode_picture(bytes, format)).unwrap_or_else(|_| {
        tracing::error!(?format, "an image decoder panicked on an uploaded picture");
        Err(PictureError::Corrupt)
    })
}

fn decode_picture(bytes: &[u8], format: ImageFormat) -> Result<Vec<Picture>, PictureError> {
    let image = decode_checked(bytes, format)?;
    // Photographs (JPEG, WebP) stay JPEG; PNGs are usually charts and drawings, whose sharp edges JPEG blurs.
    let opaque = format != ImageFormat::Png && !image.color().has_alpha();
    PICTURE_WIDTHS
        .iter()
        .map(|&(name, max_width)| {
            let width = image.width().min(max_width);
            let scaled = image.resize(width, width.saturating_mul(2), FilterType::Lanczos3);
            let encoded = if opaque {
                encode_jpeg(&scaled)
            } else {
                encode_png(&scaled.to_rgba8())
            };
            let bytes = encoded.map_err(|error| {
                tracing::error!(%error, "encoding a picture rendition failed");
                PictureError::Corrupt
            })?;
            Ok(Picture {
                name,
                format: if opaque { "jpeg" } else { "png" },
                width: scaled.width(),
                height: scaled.height(),
                bytes,
            })
        })
        .collect()
}

fn encode_jpeg(image: &DynamicImage) -> Result<Vec<u8>, ImageError> {
    let rgb = image.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 82).write_image(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        ExtendedColorType::Rgb8,
    )?;
    Ok(jpeg)
}

/// The format of an upload, if it is one of the accepted ones.
fn detect_format(bytes: &[u8]) -> Result<ImageFormat, PictureError> {
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => Ok(format),
        Ok(_) => Err(PictureError::UnsupportedFormat),
        Err(_) if is_other_image(bytes) => Err(PictureError::UnsupportedFormat),
        Err(_) => Err(PictureError::NotAnImage),
    }
}

/// Image formats people commonly try to upload that the image crate does not recognise: HEIF/HEIC and AVIF
/// (from phones), JPEG XL, and SVG (a frequent format for logos). Telling them apart from non-images makes
/// the refusal accurate.
fn is_other_image(bytes: &[u8]) -> bool {
    const HEIF_BRANDS: [&[u8; 4]; 10] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis",
    ];
    if bytes.get(4..8) == Some(b"ftyp".as_slice())
        && let Some(brand) = bytes.get(8..12)
    {
        return HEIF_BRANDS.iter().any(|b| b.as_slice() == brand);
    }
    if bytes.starts_with(&[0xff, 0x0a]) || bytes.starts_with(b"\0\0\0\x0cJXL \r\n\x87\n") {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    ["<svg", "<?xml", "<!doctype svg", "<!--"]
        .iter()
        .any(|start| head.starts_with(start))
        && head.contains("<svg")
}

/// The limits every decoder runs under.
fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits
}

/// What a decoding failure means for the person uploading.
fn read_error(error: &ImageError) -> PictureError {
    match error {
        ImageError::Limits(_) => PictureError::TooBig,
        _ => PictureError::Corrupt,
    }
}

fn check_dimensions(width: u32, height: u32) -> Result<(), PictureError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        Err(PictureError::TooBig)
    } else if width < MIN_SIDE || height < MIN_SIDE {
        Err(PictureError::TooSmall)
    } else {
        Ok(())
    }
}

/// Decodes an accepted upload under the limits, checking its dimensions from the header first, with its rotation
/// tag applied.
fn decode_checked(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, PictureError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decode_limits());
    // Reads the header only: the dimensions are known before any pixel is decoded.
    let mut decoder = reader.into_decoder().map_err(|e| read_error(&e))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    if decoder.total_bytes() > MAX_DECODE_ALLOC {
        return Err(PictureError::TooBig);
    }
    // Phone photos are often stored sideways with a rotation tag; the tag is not kept, so apply it.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| read_error(&e))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn decode_and_render(bytes: &[u8], format: ImageFormat) -> Result<Vec<Rendition>, PictureError> {
    let source = premultiplied_source(decode_checked(bytes, format)?);
    SIZES
        .iter()
        .map(|&size| {
            let png = encode_png(&rendition(&source, size)).map_err(|error| {
                tracing::error!(%error, "encoding a logo rendition failed");
                PictureError::Corrupt
            })?;
            Ok(Rendition { size, png })
        })
        .collect()
}

/// The decoded image as 8-bit RGBA with premultiplied alpha, shrunk if it is much larger than the largest
/// rendition. Premultiplying keeps the colour of fully transparent pixels (often black) from bleeding into
/// the edges of shapes when resampling.
fn premultiplied_source(image: DynamicImage) -> RgbaImage {
    let (width, height) = (image.width(), image.height());
    let shrink = width.max(height) > PRESHRINK_ABOVE;
    if image.color().has_alpha() {
        let mut rgba = image.into_rgba8();
        premultiply(&mut rgba);
        if shrink {
            let (w, h) = fit(width, height, PRESHRINK_TO);
            rgba = imageops::thumbnail(&rgba, w, h);
        }
        rgba
    } else if shrink {
        // Shrinking before converting avoids holding a full-size RGBA copy next to the decoded image.
        image.thumbnail(PRESHRINK_TO, PRESHRINK_TO).into_rgba8()
    } else {
        image.into_rgba8()
    }
}

/// One square rendition: the source scaled to fit `size` × `size`, centred on a transparent square.
fn rendition(source: &RgbaImage, size: u32) -> RgbaImage {
    let (width, height) = fit(source.width(), source.height(), size);
    let mut scaled = imageops::resize(source, width, height, FilterType::Lanczos3);
    unpremultiply(&mut scaled);
    let mut canvas = RgbaImage::new(size, size);
    imageops::replace(
        &mut canvas,
        &scaled,
        i64::from((size - width) / 2),
        i64::from((size - height) / 2),
    );
    canvas
}

/// The dimensions of a `width` × `height` image scaled so that its longer side is `side`, each at least 1.
fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let scale = |short: u32, long: u32| -> u32 {
        let scaled =
            (u64::from(short) * u64::from(side) + u64::from(long) / 2) / u64::from(long.max(1));
        u32::try_from(scaled).unwrap_or(side).clamp(1, side)
    };
    if width >= height {
        (side, scale(height, width))
    } else {
        (scale(width, height), side)
    }
}

fn premultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        if a < u8::MAX {
            let times_alpha = |c: u8| ((u16::from(c) * u16::from(a) + 127) / 255) as u8;
            pixel.0 = [times_alpha(r), times_alpha(g), times_alpha(b), a];
        }
    }
}

fn unpremultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b, a] = pixel.0;
        if a == 0 {
            pixel.0 = [0; 4];
        } else if a < u8::MAX {
            // Resampling can ring slightly above the alpha; clamp instead of wrapping.
            let by_alpha =
                |c: u8| ((u16::from(c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8;
            pixel.0 = [by_alpha(r), by_alpha(g), by_alpha(b), a];
        }
    }
}

fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, ImageError> {
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Default, PngFilter::Adaptive)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )?;
    Ok(png)
}

/// A deterministic generated logo for demo companies: a 256 × 256 PNG of geometric shapes on a rounded
/// tile, whose layout and colours are derived from a hash of `name`. The same name always gives the same
/// bytes; different names give visibly different logos. [`process`] accepts the result.
pub fn generate_demo(name: &str) -> Vec<u8> {
    encode_png(&demo_image(name)).unwrap_or_else(|error| {
        tracing::error!(%error, "encoding a demo logo failed");
        Vec::new()
    })
}

/// A generated bar chart for demo infographics: a 1200 × 675 PNG with one bar per value, scaled to the largest,
/// over light grid lines at quarters of it. The chart carries no text: its article gives the data in words.
pub fn generate_chart(values: &[u32]) -> Vec<u8> {
    const WIDTH: u32 = 1200;
    const HEIGHT: u32 = 675;
    const MARGIN: u32 = 60;
    const COLOURS: [[u8; 3]; 6] = [
        [11, 83, 148],
        [0, 122, 110],
        [180, 83, 9],
        [124, 58, 237],
        [190, 24, 93],
        [21, 128, 61],
    ];
    let mut image = image::RgbImage::from_pixel(WIDTH, HEIGHT, image::Rgb([250, 250, 247]));
    let mut fill = |x0: u32, y0: u32, x1: u32, y1: u32, colour: [u8; 3]| {
        for y in y0.min(HEIGHT)..y1.min(HEIGHT) {
            for x in x0.min(WIDTH)..x1.min(WIDTH) {
                image.put_pixel(x, y, image::Rgb(colour));
            }
        }
    };
    let plot_height = HEIGHT - 2 * MARGIN;
    let baseline = HEIGHT - MARGIN;
    for quarter in 1..=4 {
        let y = baseline - plot_height * quarter / 4;
        fill(MARGIN, y, WIDTH - MARGIN, y + 2, [214, 214, 208]);
    }
    let max = values.iter().copied().max().unwrap_or(1).max(1);
    let count = u32::try_from(values.len()).unwrap_or(1).max(1);
    let slot = (WIDTH - 2 * MARGIN) / count;
    for (index, value) in values.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(0);
        let height = (u64::from(plot_height) * u64::from(*value) / u64::from(max)) as u32;
        let x0 = MARGIN + index * slot + slot / 6;
        let x1 = MARGIN + (index + 1) * slot - slot / 6;
        fill(
            x0,
            baseline - height,
            x1,
            baseline,
            COLOURS[index as usize % COLOURS.len()],
        );
    }
    fill(MARGIN, baseline, WIDTH - MARGIN, baseline + 3, [60, 60, 60]);
    let mut png = Vec::new();
    let encoded =
        PngEncoder::new_with_quality(&mut png, CompressionType::Best, PngFilter::Adaptive)
            .write_image(image.as_raw(), WIDTH, HEIGHT, ExtendedColorType::Rgb8);
    match encoded {
        Ok(()) => png,
        Err(error) => {
            tracing::error!(%error, "encoding a demo chart failed");
            Vec::new()
        }
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64: spreads the name's hash over as many well-mixed numbers as the layout needs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// A number in `[low, high)`.
    fn range(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.unit()
    }

    /// A whole number in `[0, n)`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

type Color = [f32; 3];

/// An sRGB colour from hue (degrees), saturation and lightness (0 to 1).
fn hsl(hue: f32, saturation: f32, lightness: f32) -> Color {
    let h = hue.rem_euclid(360.0) / 60.0;
    let c = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = lightness - c / 2.0;
    [r + m, g + m, b + m]
}

/// A shape as a signed distance field: negative inside, positive outside, in pixels.
#[derive(Clone, Copy)]
enum Shape {
    Circle {
        x: f32,
        y: f32,
        r: f32,
    },
    Ring {
        x: f32,
        y: f32,
        r: f32,
        half_width: f32,
    },
    Rect {
        x: f32,
        y: f32,
        half_w: f32,
        half_h: f32,
        corner: f32,
    },
    Diamond {
        x: f32,
        y: f32,
        r: f32,
    },
    DiamondOutline {
        x: f32,
        y: f32,
        r: f32,
        half_width: f32,
    },
}

impl Shape {
    fn distance(self, px: f32, py: f32) -> f32 {
        match self {
            Shape::Circle { x, y, r } => (px - x).hypot(py - y) - r,
            Shape::Ring {
                x,
                y,
                r,
                half_width,
            } => ((px - x).hypot(py - y) - r).abs() - half_width,
            Shape::Rect {
                x,
                y,
                half_w,
                half_h,
                corner,
            } => {
                let qx = (px - x).abs() - half_w + corner;
                let qy = (py - y).abs() - half_h + corner;
                qx.max(0.0).hypot(qy.max(0.0)) + qx.max(qy).min(0.0) - corner
            }
            Shape::Diamond { x, y, r } => {
                ((px - x).abs() + (py - y).abs() - r) * std::f32::consts::FRAC_1_SQRT_2
            }
            Shape::DiamondOutline {
                x,
                y,
                r,
                half_width,
            } => Shape::Diamond { x, y, r }.distance(px, py).abs() - half_width,
        }
    }

    /// How much of the pixel centred at (`px`, `py`) the shape covers, with a one-pixel soft edge.
    fn coverage(self, px: f32, py: f32) -> f32 {
        (0.5 - self.distance(px, py)).clamp(0.0, 1.0)
    }
}

struct Layer {
    shape: Shape,
    color: Color,
    opacity: f32,
}

/// Eight directions around a circle, as unit vectors (no trigonometry, so results are identical on every
/// platform).
const DIRECTIONS: [(f32, f32); 8] = {
    const D: f32 = std::f32::consts::FRAC_1_SQRT_2;
    [
        (1.0, 0.0),
        (D, D),
        (0.0, 1.0),
        (-D, D),
        (-1.0, 0.0),
        (-D, -D),
        (0.0, -1.0),
        (D, -D),
    ]
};

fn demo_image(name: &str) -> RgbaImage {
    let mut rng = SplitMix(fnv1a(name.as_bytes()));
    // Yellows turn olive at the lightness of the tile; leave them out.
    let mut hue = rng.unit() * 320.0;
    if hue >= 40.0 {
        hue += 40.0;
    }
    let accent_hue = hue + rng.range(140.0, 220.0);
    // Two in three tiles are a rich colour with light shapes, the others pale with dark shapes.
    let (background, primary, accent) = if rng.below(3) == 0 {
        (
            hsl(hue, 0.45, 0.93),
            hsl(hue, 0.60, 0.38),
            hsl(accent_hue, 0.70, 0.52),
        )
    } else {
        (
            hsl(hue, 0.55, 0.42),
            hsl(hue, 0.40, 0.95),
            hsl(accent_hue, 0.75, 0.63),
        )
    };
    let layers = demo_layers(&mut rng, background, primary, accent);

    let side = DEMO_SIDE as f32;
    let centre = side / 2.0;
    let tile = Shape::Rect {
        x: centre,
        y: centre,
        half_w: centre,
        half_h: centre,
        corner: side * 0.17,
    };
    RgbaImage::from_fn(DEMO_SIDE, DEMO_SIDE, |x, y| {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        let tile_coverage = tile.coverage(px, py);
        if tile_coverage <= 0.0 {
            return image::Rgba([0; 4]);
        }
        let mut color = background;
        for layer in &layers {
            let a = layer.shape.coverage(px, py) * layer.opacity;
            if a > 0.0 {
                for (c, l) in color.iter_mut().zip(layer.color) {
                    *c += (l - *c) * a;
                }
            }
        }
        let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        image::Rgba([
            byte(color[0]),
            byte(color[1]),
            byte(color[2]),
            byte(tile_coverage),
        ])
    })
}

/// The shapes of a demo logo, bottom first, laid out on a 256-pixel tile.
fn demo_layers(rng: &mut SplitMix, background: Color, primary: Color, accent: Color) -> Vec<Layer> {
    let c = DEMO_SIDE as f32 / 2.0;
    let solid = |shape: Shape, color: Color| Layer {
        shape,
        color,
        opacity: 1.0,
    };
    let mut layers = Vec::new();
    match rng.below(6) {
        // Concentric rings around a dot.
        0 => {
            let rings = 2 + rng.below(2);
            let half_width = rng.range(4.5, 7.0);
            let outer = rng.range(80.0, 92.0);
            let step = rng.range(24.0, 30.0);
            let highlighted = rng.below(rings);
            for i in 0..rings {
                let color = if i == highlighted { accent } else { primary };
                let r = outer - step * i as f32;
                layers.push(solid(
                    Shape::Ring {
                        x: c,
                        y: c,
                        r,
                        half_width,
                    },
                    color,
                ));
            }
            let dot = rng.range(12.0, 20.0);
            layers.push(solid(Shape::Circle { x: c, y: c, r: dot }, primary));
        }
        // A bar chart.
        1 => {
            let bars = 3 + rng.below(3);
            let pitch = 140.0 / bars as f32;
            let half_w = pitch * 0.31;
            let bottom = 196.0;
            let highlighted = rng.below(bars);
            for i in 0..bars {
                let height = rng.range(0.35, 1.0) * 136.0;
                let x = c - 70.0 + pitch * (i as f32 + 0.5);
                let shape = Shape::Rect {
                    x,
                    y: bottom - height / 2.0,
                    half_w,
                    half_h: height / 2.0,
                    corner: half_w,
                };
                layers.push(solid(
                    shape,
                    if i == highlighted { accent } else { primary },
                ));
            }
        }
        // A diamond outline around a diamond or a circle.
        2 => {
            let r = rng.range(84.0, 98.0);
            let half_width = rng.range(4.0, 6.5);
            layers.push(solid(
                Shape::DiamondOutline {
                    x: c,
                    y: c,
                    r,
                    half_width,
                },
                primary,
            ));
            let inner = if rng.below(2) == 0 {
                Shape::Diamond {
                    x: c,
                    y: c,
                    r: r * rng.range(0.4, 0.55),
                }
            } else {
                Shape::Circle {
                    x: c,
                    y: c,
                    r: r * rng.range(0.26, 0.36),
                }
            };
            layers.push(solid(inner, accent));
        }
        // A planet with a moon on its orbit.
        3 => {
            let orbit = rng.range(82.0, 94.0);
            layers.push(Layer {
                shape: Shape::Ring {
                    x: c,
                    y: c,
                    r: orbit,
                    half_width: 2.0,
                },
                color: primary,
                opacity: 0.6,
            });
            layers.push(solid(
                Shape::Circle {
                    x: c,
                    y: c,
                    r: rng.range(40.0, 54.0),
                },
                primary,
            ));
            let (dx, dy) = DIRECTIONS[rng.below(DIRECTIONS.len())];
            let (mx, my) = (c + dx * orbit, c + dy * orbit);
            let moon = rng.range(12.0, 17.0);
            layers.push(solid(
                Shape::Circle {
                    x: mx,
                    y: my,
                    r: moon + 6.0,
                },
                background,
            ));
            layers.push(solid(
                Shape::Circle {
                    x: mx,
                    y: my,
                    r: moon,
                },
                accent,
            ));
        }
        // A three-by-three grid of dots, some of them large.
        4 => {
            let mut large = rng.next() & 0x1ff;
            if large.count_ones() < 3 {
                large |= 0b101_010_101 >> rng.below(2);
            }
            let highlighted = rng.below(9);
            for i in 0..9 {
                let x = c + 56.0 * ((i % 3) as f32 - 1.0);
                let y = c + 56.0 * ((i / 3) as f32 - 1.0);
                if large & (1 << i) != 0 {
                    let color = if i == highlighted { accent } else { primary };
                    layers.push(solid(Shape::Circle { x, y, r: 21.0 }, color));
                } else {
                    layers.push(Layer {
                        shape: Shape::Circle { x, y, r: 10.0 },
                        color: if i == highlighted { accent } else { primary },
                        opacity: 0.55,
                    });
                }
            }
        }
        // Stacked horizontal bars, left-aligned.
        _ => {
            let highlighted = rng.below(3);
            for i in 0..3 {
                let length = rng.range(64.0, 140.0);
                let shape = Shape::Rect {
                    x: 60.0 + length / 2.0,
                    y: c + 46.0 * (i as f32 - 1.0),
                    half_w: length / 2.0,
                    half_h: 14.0,
                    corner: 14.0,
                };
                layers.push(solid(
                    shape,
                    if i == highlighted { accent } else { primary },
                ));
            }
        }
    }
    layers
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::jpeg::JpegEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{Rgb, RgbImage, Rgba};

    fn gradient(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_fn(width, height, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8, 255])
        })
    }

    fn png_of(image: &RgbaImage) -> Vec<u8> {
        encode_png(image).expect("encodes")
    }

    fn decode_png(bytes: &[u8]) -> RgbaImage {
        assert_eq!(
            image::guess_format(bytes).expect("a format"),
            ImageFormat::Png
        );
        image::load_from_memory_with_format(bytes, ImageFormat::Png)
            .expect("decodes")
            .into_rgba8()
    }

    fn assert_renditions(renditions: &[Rendition]) {
        assert_eq!(renditions.len(), SIZES.len());
        for (rendition, size) in renditions.iter().zip(SIZES) {
            assert_eq!(rendition.size, size);
            let image = decode_png(&rendition.png);
            assert_eq!(image.dimensions(), (size, size));
        }
    }

    /// IEEE CRC-32, for forging PNG headers.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = u32::MAX;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A PNG signature and a valid IHDR chunk claiming the given dimensions, with no pixel data.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut chunk = b"IHDR".to_vec();
        chunk.extend(width.to_be_bytes());
        chunk.extend(height.to_be_bytes());
        chunk.extend([8, 6, 0, 0, 0]); // 8-bit RGBA, no interlacing
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(13u32.to_be_bytes());
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
        png
    }

    #[test]
    fn png_is_fitted_into_squares() {
        let renditions = process(&png_of(&gradient(300, 200))).expect("accepted");
        assert_renditions(&renditions);
        // 300 × 200 becomes 256 × 171 on the largest square, centred from y = 42.
        let largest = decode_png(&renditions[2].png);
        assert_eq!(largest.get_pixel(128, 10)[3], 0, "padding is transparent");
        assert_eq!(largest.get_pixel(128, 245)[3], 0, "padding is transparent");
        assert_eq!(largest.get_pixel(128, 128)[3], 255, "the image is opaque");
        assert_eq!(
            largest.get_pixel(2, 50)[3],
            255,
            "the image spans the width"
        );
    }

    #[test]
    fn tall_images_are_centred_horizontally() {
        let renditions = process(&png_of(&gradient(50, 400))).expect("accepted");
        assert_renditions(&renditions);
        let small = decode_png(&renditions[0].png);
        assert_eq!(small.get_pixel(2, 32)[3], 0);
        assert_eq!(small.get_pixel(32, 2)[3], 255);
    }

    #[test]
    fn large_images_are_shrunk_first() {
        // Longer than the pre-shrink threshold, with and without transparency.
        let opaque = RgbImage::from_fn(2100, 40, |x, _| Rgb([(x % 256) as u8, 90, 200]));
        let mut png = Vec::new();
        opaque
            .write_with_encoder(PngEncoder::new(&mut png))
            .expect("encodes");
        let translucent = RgbaImage::from_fn(40, 2100, |_, y| Rgba([200, 30, 30, (y % 256) as u8]));
        for file in [png, png_of(&translucent)] {
            let renditions = process(&file).expect("accepted");
            assert_renditions(&renditions);
            let largest = decode_png(&renditions[2].png);
            assert_ne!(largest.get_pixel(128, 128)[3], 0);
            assert_eq!(largest.get_pixel(0, 0)[3], 0);
        }
    }

    #[test]
    fn orientation_tag_is_applied() {
        // Exif saying "rotate 90° clockwise to display".
        let exif = b"MM\0*\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
        let mut png = Vec::new();
        let mut encoder = PngEncoder::new(&mut png);
        encoder.set_exif_metadata(exif).expect("supported");
        let wide = gradient(200, 50);
        encoder
            .write_image(wide.as_raw(), 200, 50, ExtendedColorType::Rgba8)
            .expect("encodes");
        // Displayed upright the image is tall, so the padding is left and right.
        let largest = decode_png(&process(&png).expect("accepted")[2].png);
        assert_eq!(largest.get_pixel(5, 128)[3], 0);
        assert_eq!(largest.get_pixel(128, 5)[3], 255);
    }

    #[test]
    fn jpeg_is_accepted() {
        let image = RgbImage::from_fn(120, 90, |x, y| Rgb([x as u8, y as u8, 128]));
        let mut jpeg = Vec::new();
        image
            .write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 90))
            .expect("encodes");
        assert_eq!(
            image::guess_format(&jpeg).expect("a format"),
            ImageFormat::Jpeg
        );
        assert_renditions(&process(&jpeg).expect("accepted"));
    }

    #[test]
    fn webp_is_accepted() {
        let mut webp = Vec::new();
        gradient(64, 100)
            .write_with_encoder(WebPEncoder::new_lossless(&mut webp))
            .expect("encodes");
        assert_eq!(
            image::guess_format(&webp).expect("a format"),
            ImageFormat::WebP
        );
        assert_renditions(&process(&webp).expect("accepted"));
    }

    #[test]
    fn transparent_pixels_do_not_bleed_into_edges() {
        // Left half opaque red, right half fully transparent but with blue colour values.
        let image = RgbaImage::from_fn(200, 200, |x, _| {
            if x < 100 {
                Rgba([255, 0, 0, 255])
            } else {
                Rgba([0, 0, 255, 0])
            }
        });
        let renditions = process(&png_of(&image)).expect("accepted");
        for rendition in &renditions {
            let image = decode_png(&rendition.png);
            assert!(
                image.pixels().any(|p| p[3] > 0 && p[3] < 255),
                "no soft edge"
            );
            for pixel in image.pixels().filter(|p| p[3] > 0) {
                assert!(
                    pixel[0] >= 250 && pixel[2] <= 5,
                    "edge pixel {pixel:?} is not red"
                );
            }
        }
    }

    #[test]
    fn smallest_and_odd_sizes_are_accepted() {
        assert_renditions(&process(&png_of(&gradient(32, 32))).expect("accepted"));
        assert_renditions(&process(&png_of(&gradient(33, 1000))).expect("accepted"));
    }

    #[test]
    fn text_is_not_an_image() {
        assert_eq!(
            process(b"hello, this is not an image").unwrap_err(),
            PictureError::NotAnImage
        );
        assert_eq!(
            process(b"%PDF-1.7\n").unwrap_err(),
            PictureError::NotAnImage
        );
    }

    #[test]
    fn damaged_files_are_corrupt() {
        let mut garbage = b"\x89PNG\r\n\x1a\n".to_vec();
        garbage.extend((0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
        assert_eq!(process(&garbage).unwrap_err(), PictureError::Corrupt);

        let png = png_of(&gradient(300, 200));
        for cut in [9, 20, 40, png.len() / 2, png.len() - 13] {
            assert_eq!(
                process(&png[..cut]).unwrap_err(),
                PictureError::Corrupt,
                "cut at {cut}"
            );
        }
        // A header without pixel data.
        assert_eq!(
            process(&png_header(64, 64)).unwrap_err(),
            PictureError::Corrupt
        );
    }

    #[test]
    fn truncated_and_garbled_files_do_not_panic() {
        let mut jpeg = Vec::new();
        RgbImage::from_fn(120, 90, |x, y| Rgb([x as u8, y as u8, 7]))
            .write_with_encoder(JpegEncoder::new_with_quality(&mut jpeg, 80))
            .expect("encodes");
        let mut webp = Vec::new();
        gradient(64, 64)
            .write_with_encoder(WebPEncoder::new_lossless(&mut webp))
            .expect("encodes");
        for file in [jpeg, webp] {
            let step = (file.len() / 12).max(1);
            for cut in (1..file.len()).step_by(step) {
                let _ = process(&file[..cut]);
            }
            for i in (12..file.len()).step_by(step) {
                let mut garbled = file.clone();
                garbled[i] ^= 0x5a;
                let _ = process(&garbled);
            }
        }
        assert_eq!(
            process(b"RIFF\0\0\0\0WEBPVP8L").unwrap_err(),
            PictureError::Corrupt
        );
        assert_eq!(
            process(&[0xff, 0xd8, 0xff]).unwrap_err(),
            PictureError::Corrupt
        );
    }

    #[test]
    fn other_image_formats_are_unsupported() {
        for bytes in [
            b"GIF89a\x10\x00\x10\x00\x80\x00\x00".as_slice(),
            b"GIF87a",
            b"BM\x36\x00\x00\x00",
            b"II*\x00\x08\x00\x00\x00",
            b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
            b"\0\0\0\x1cftypavif\0\0\0\0avifmif1",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
            b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
        ] {
            assert_eq!(
                process(bytes).unwrap_err(),
                PictureError::UnsupportedFormat,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // Other XML is not an image.
        assert_eq!(
            process(b"<?xml version=\"1.0\"?><html></html>").unwrap_err(),
            PictureError::NotAnImage
        );
    }

    #[test]
    fn empty_and_too_large_are_refused() {
        assert_eq!(process(b"").unwrap_err(), PictureError::Empty);
        let mut big = png_of(&gradient(40, 40));
        big.resize(MAX_UPLOAD_BYTES + 1, 0);
        assert_eq!(
            process(&big).unwrap_err(),
            PictureError::TooLarge {
                bytes: MAX_UPLOAD_BYTES + 1
            }
        );
    }

    #[test]
    fn dimensions_are_checked() {
        assert_eq!(
            process(&png_of(&gradient(16, 16))).unwrap_err(),
            PictureError::TooSmall
        );
        assert_eq!(
            process(&png_of(&gradient(300, 31))).unwrap_err(),
            PictureError::TooSmall
        );
        assert_eq!(
            process(&png_of(&gradient(8001, 32))).unwrap_err(),
            PictureError::TooBig
        );
        // A decompression bomb's header is refused before anything is allocated.
        assert_eq!(
            process(&png_header(100_000, 100_000)).unwrap_err(),
            PictureError::TooBig
        );
        assert_eq!(
            process(&png_header(8000, 9000)).unwrap_err(),
            PictureError::TooBig
        );
        // Within both sides, too many pixels in all; one row fewer is within the limit.
        assert_eq!(check_dimensions(8000, 2001), Err(PictureError::TooBig));
        assert_eq!(check_dimensions(8000, 2000), Ok(()));
        assert_eq!(check_dimensions(4000, 4000), Ok(()));
    }

    #[test]
    fn demo_logos_are_deterministic_distinct_and_accepted() {
        let names = [
            "Acme Analytics",
            "Acme Analytic",
            "Northwind",
            "Globex",
            "Initech",
            "Umbrella Health",
            "Stark Logistics",
            "Wayne Energy",
            "Hooli",
            "Pied Piper",
            "",
            "Ærøskøbing Café",
        ];
        let logos: Vec<Vec<u8>> = names.iter().map(|name| generate_demo(name)).collect();
        for (name, logo) in names.iter().zip(&logos) {
            assert_eq!(&generate_demo(name), logo, "{name:?} is not deterministic");
            let image = decode_png(logo);
            assert_eq!(image.dimensions(), (DEMO_SIDE, DEMO_SIDE));
            assert_eq!(image.get_pixel(0, 0)[3], 0, "corners are rounded off");
            assert_eq!(image.get_pixel(128, 128)[3], 255);
            assert_renditions(&process(logo).expect("accepted"));
        }
        for (i, a) in logos.iter().enumerate() {
            for (j, b) in logos.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{:?} and {:?} look the same", names[i], names[j]);
            }
        }
    }

    #[test]
    fn fit_keeps_the_aspect_ratio() {
        assert_eq!(fit(300, 200, 256), (256, 171));
        assert_eq!(fit(200, 300, 64), (43, 64));
        assert_eq!(fit(8000, 32, 64), (64, 1));
        assert_eq!(fit(40, 40, 128), (128, 128));
    }
}
