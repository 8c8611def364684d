//! Generated art for the demo content: a logo for each demo company, derived from its name, a cover for each demo
//! story, and the bar charts of the demo infographics, written with an 8 × 8 bitmap font. Only the demo build
//! carries it.

use app::backend::logos::encode_png;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{ExtendedColorType, ImageEncoder, RgbaImage};

/// The side of a generated logo, in pixels.
const DEMO_SIDE: u32 = 256;

/// A deterministic generated logo for demo companies: a 256 × 256 PNG of geometric shapes on a rounded
/// tile, whose layout and colours are derived from a hash of `name`. The same name always gives the same
/// bytes; different names give visibly different logos. [`process`] accepts the result.
pub fn generate_demo(name: &str) -> Vec<u8> {
    encode_png(&demo_image(name)).unwrap_or_else(|error| {
        tracing::error!(%error, "encoding a demo logo failed");
        Vec::new()
    })
}

/// A generated bar chart for demo infographics: a 1200 × 675 PNG with its title, one bar per value scaled to the
/// largest, each with its value above it and its name below it, over grid lines at quarters of the largest value
/// with that value written beside them. `unit` follows each value (`%`, or nothing).
pub fn generate_chart(title: &str, bars: &[(&str, u32)], unit: &str) -> Vec<u8> {
    const WIDTH: u32 = 1200;
    const HEIGHT: u32 = 675;
    const LEFT: u32 = 96;
    const RIGHT: u32 = 40;
    const TOP: u32 = 120;
    const BOTTOM: u32 = 130;
    const INK: [u8; 3] = [34, 34, 34];
    const GREY: [u8; 3] = [90, 90, 90];
    const COLOURS: [[u8; 3]; 6] = [
        [11, 83, 148],
        [0, 122, 110],
        [180, 83, 9],
        [124, 58, 237],
        [190, 24, 93],
        [21, 128, 61],
    ];
    let mut image = image::RgbImage::from_pixel(WIDTH, HEIGHT, image::Rgb([250, 250, 247]));
    let width = WIDTH - LEFT - RIGHT;
    for (line, text) in wrap(title, (WIDTH - 80) / (8 * 3))
        .iter()
        .take(2)
        .enumerate()
    {
        draw_text(&mut image, text, 40, 24 + line as u32 * 36, 3, INK);
    }
    let plot_height = HEIGHT - TOP - BOTTOM;
    let baseline = HEIGHT - BOTTOM;
    let max = bars
        .iter()
        .map(|(_, value)| *value)
        .max()
        .unwrap_or(1)
        .max(1);
    for quarter in 0..=4 {
        let y = baseline - plot_height * quarter / 4;
        if quarter > 0 {
            fill_rect(&mut image, LEFT, y, LEFT + width, y + 2, [214, 214, 208]);
        }
        let value = format!("{}{unit}", max * quarter / 4);
        let x = LEFT.saturating_sub(12 + text_width(&value, 2));
        draw_text(&mut image, &value, x, y.saturating_sub(8), 2, GREY);
    }
    let count = u32::try_from(bars.len()).unwrap_or(1).max(1);
    let slot = width / count;
    for (index, (label, value)) in bars.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(0);
        let height = (u64::from(plot_height) * u64::from(*value) / u64::from(max)) as u32;
        let x0 = LEFT + index * slot + slot / 6;
        let x1 = LEFT + (index + 1) * slot - slot / 6;
        fill_rect(
            &mut image,
            x0,
            baseline - height,
            x1,
            baseline,
            COLOURS[index as usize % COLOURS.len()],
        );
        let figure = format!("{value}{unit}");
        let centre = (x0 + x1) / 2;
        draw_text(
            &mut image,
            &figure,
            centre.saturating_sub(text_width(&figure, 2) / 2),
            (baseline - height).saturating_sub(24),
            2,
            INK,
        );
        for (line, text) in wrap(label, slot.saturating_sub(8) / 16)
            .iter()
            .take(4)
            .enumerate()
        {
            let x = LEFT + index * slot + slot / 2;
            draw_text(
                &mut image,
                text,
                x.saturating_sub(text_width(text, 2) / 2),
                baseline + 14 + line as u32 * 22,
                2,
                INK,
            );
        }
    }
    fill_rect(
        &mut image,
        LEFT,
        baseline,
        LEFT + width,
        baseline + 3,
        [60, 60, 60],
    );
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

/// `text` in lines of at most `columns` characters, broken between words (a longer word is a line of its own).
fn wrap(text: &str, columns: u32) -> Vec<String> {
    let columns = usize::try_from(columns.max(1)).unwrap_or(1);
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= columns => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// The width of `text` drawn by [`draw_text`] at `scale`.
fn text_width(text: &str, scale: u32) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(0) * 8 * scale
}

/// Draws `text` in the 8 × 8 bitmap font with its top left at (`x`, `y`), each dot `scale` pixels square.
fn draw_text(image: &mut image::RgbImage, text: &str, x: u32, y: u32, scale: u32, colour: [u8; 3]) {
    use font8x8::UnicodeFonts;
    for (n, c) in text.chars().enumerate() {
        let glyph = font8x8::BASIC_FONTS
            .get(c)
            .or_else(|| font8x8::LATIN_FONTS.get(c))
            .unwrap_or([0; 8]);
        let left = x + u32::try_from(n).unwrap_or(0) * 8 * scale;
        for (row, bits) in glyph.iter().enumerate() {
            for column in 0..8 {
                if bits & (1 << column) != 0 {
                    let (px, py) = (left + column * scale, y + row as u32 * scale);
                    fill_rect(image, px, py, px + scale, py + scale, colour);
                }
            }
        }
    }
}

/// Paints the rectangle from (`x0`, `y0`) to (`x1`, `y1`), exclusive, clipped to the image.
fn fill_rect(image: &mut image::RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, colour: [u8; 3]) {
    for y in y0.min(image.height())..y1.min(image.height()) {
        for x in x0.min(image.width())..x1.min(image.width()) {
            image.put_pixel(x, y, image::Rgb(colour));
        }
    }
}

/// A generated cover picture for a demo story or company: a `width` × `height` PNG of soft shapes over a diagonal
/// wash of two colours, derived from a hash of `seed` (the story's title, the company's name), so that each has its
/// own and the same seed always gives the same picture.
pub fn generate_cover(seed: &str, width: u32, height: u32) -> Vec<u8> {
    let mut rng = SplitMix(fnv1a(seed.as_bytes()));
    let hue = rng.unit() * 360.0;
    let far_hue = hue + rng.range(30.0, 90.0);
    let (from, to) = (hsl(hue, 0.55, 0.32), hsl(far_hue, 0.60, 0.52));
    let light = hsl(far_hue + 180.0, 0.70, 0.78);
    let (w, h) = (width as f32, height as f32);
    let mut layers = Vec::new();
    for _ in 0..7 {
        let (x, y) = (rng.range(0.0, w), rng.range(0.0, h));
        let r = rng.range(h * 0.08, h * 0.45);
        let shape = match rng.below(3) {
            0 => Shape::Circle { x, y, r },
            1 => Shape::Ring {
                x,
                y,
                r,
                half_width: r * 0.06,
            },
            _ => Shape::Diamond { x, y, r },
        };
        let color = if rng.below(2) == 0 { light } else { to };
        layers.push(Layer {
            shape,
            color,
            opacity: rng.range(0.18, 0.45),
        });
    }
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        let t = ((px / w) * 0.6 + (py / h) * 0.4).clamp(0.0, 1.0);
        let mut color: Color = [0, 1, 2].map(|i| from[i] + (to[i] - from[i]) * t);
        for layer in &layers {
            let a = layer.shape.coverage(px, py) * layer.opacity;
            if a > 0.0 {
                for (c, l) in color.iter_mut().zip(layer.color) {
                    *c += (l - *c) * a;
                }
            }
        }
        let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        image::Rgb([byte(color[0]), byte(color[1]), byte(color[2])])
    });
    let mut png = Vec::new();
    let encoded =
        PngEncoder::new_with_quality(&mut png, CompressionType::Fast, PngFilter::Adaptive)
            .write_image(image.as_raw(), width, height, ExtendedColorType::Rgb8);
    match encoded {
        Ok(()) => png,
        Err(error) => {
            tracing::error!(%error, "encoding a demo cover failed");
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
    /// Whether any pixel in the rectangle is the chart's ink (the colour of its words and figures).
    fn inked(image: &image::RgbImage, x0: u32, y0: u32, x1: u32, y1: u32) -> bool {
        (y0..y1).any(|y| (x0..x1).any(|x| image.get_pixel(x, y).0 == [34, 34, 34]))
    }

    #[test]
    fn charts_carry_their_title_and_each_bar_its_name_and_figure() {
        let png = generate_chart("Sites opened", &[("North", 20), ("South", 40)], "%");
        let image = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (1200, 675));
        // The title across the top.
        assert!(inked(&image, 40, 24, 600, 60));
        // Under each bar its name, above it its figure: the bars' slots are the halves of the plot.
        let baseline = 675 - 130;
        for (left, right, top) in [(96, 628, baseline - 205), (628, 1160, baseline - 425)] {
            assert!(
                inked(&image, left, baseline + 10, right, baseline + 40),
                "a name under the bar"
            );
            assert!(
                inked(&image, left, top - 30, right, top),
                "a figure above the bar"
            );
        }
        let empty = generate_chart("Sites opened", &[("", 20), ("", 40)], "");
        let empty = image::load_from_memory(&empty).unwrap().to_rgb8();
        assert!(
            !inked(&empty, 96, baseline + 10, 1160, baseline + 40),
            "no name, no ink"
        );
    }

    use super::*;
    use app::backend::logos::{SIZES, process};

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
            let image = image::load_from_memory(logo).expect("a PNG").to_rgba8();
            assert_eq!(image.dimensions(), (DEMO_SIDE, DEMO_SIDE));
            assert_eq!(image.get_pixel(0, 0)[3], 0, "corners are rounded off");
            assert_eq!(image.get_pixel(128, 128)[3], 255);
            let sizes: Vec<u32> = process(logo)
                .expect("accepted")
                .iter()
                .map(|r| r.size)
                .collect();
            assert_eq!(sizes, SIZES);
        }
        for (i, a) in logos.iter().enumerate() {
            for (j, b) in logos.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{:?} and {:?} look the same", names[i], names[j]);
            }
        }
    }
}
